//! Every city's plan: each fixture folder's inputs (made by real producers,
//! see the folder's README) convert to its `expected.json`, written from the
//! same data by the folder's script, and match their golden JSON
//! (`DXPLAN_BLESS=1` rewrites the golden files, never `expected.json`).

mod util;

use util::*;

/// (folder, input) for every city fixture. `every_input_is_listed` keeps
/// this in step with the folders.
const INPUTS: &[(&str, &str)] = &[
    ("fujieda-2025-03", "plan.xlsx"),
    ("fujieda-2025-03", "plan.pdf"),
    ("hakuba-2025-04", "plan.xlsx"),
    ("hakuba-2025-04", "plan.xls"),
    ("hakuba-2025-04", "plan-calc.pdf"),
    ("kanda-2026-04", "plan.xlsx"),
    ("kanda-2026-04", "plan-calc.pdf"),
    ("kanda-2026-04", "plan.pdf"),
    ("matsumoto-2026-05", "plan.xlsx"),
    ("matsumoto-2026-05", "plan.pdf"),
    ("niseko-2026-06", "plan.xlsx"),
    ("niseko-2026-06", "plan.ods"),
    ("kikuyo-2025-10", "plan.pdf"),
    ("mitoyo-2025-03", "plan.pdf"),
    ("shiwa-2026-10", "plan.xlsx"),
    ("shiwa-2026-10", "plan.pdf"),
    ("shiwa-2026-04", "plan.xlsx"),
    ("kurayoshi-2025-06", "plan.xlsx"),
    ("kurayoshi-2025-06", "plan.pdf"),
    ("tsuruoka-2025-09", "plan.xlsx"),
    ("tsuruoka-2025-09", "plan.pdf"),
    ("tsuruga-2026-02", "plan.pdf"),
    ("joetsu-2024-07", "plan.xlsx"),
    ("joetsu-2024-07", "plan.pdf"),
    ("naruto-2025-11", "plan.xlsx"),
    ("naruto-2025-11", "plan.pdf"),
    ("taketa-2026-01", "plan.xlsx"),
    ("taketa-2026-01", "plan.pdf"),
    ("mizunami-2025-05", "plan.xlsx"),
    ("mizunami-2025-05", "plan.pdf"),
    ("tsubame-2025-04", "plan.pdf"),
    ("takayama-2025-03", "plan.pdf"),
    ("nagahama-2025-06", "plan.pdf"),
    ("tono-2025-07", "plan.pdf"),
    ("tono-2025-07", "plan-grouped.pdf"),
    ("zentsuji-2025-10", "plan.pdf"),
    ("zentsuji-2025-10", "plan-bottom.pdf"),
    ("zentsuji-2025-10", "plan-middle.pdf"),
    ("tateyama-2025-08", "plan.pdf"),
    ("hita-2025-09", "plan.pdf"),
    ("himi-2025-11", "plan.pdf"),
    ("imari-2026-02", "plan.pdf"),
    ("kanoya-2026-06", "plan.xlsx"),
    ("kanoya-2026-06", "plan.pdf"),
    ("kanoya-2026-06", "plan.ods"),
    ("uwajima-2026-05", "plan.xlsx"),
    ("uwajima-2026-05", "plan.pdf"),
    ("kitami-2026-03", "plan.pdf"),
    ("kitami-2026-03", "plan-m2.0.pdf"),
    ("kitami-2026-03", "plan-m3.0.pdf"),
    ("kitami-2026-03", "plan-m3.5.pdf"),
];

/// Folders with their own expected.json but checked elsewhere (tests/convert.rs).
const ELSEWHERE: &[&str] = &["shiogama-2024-03", "shiogama-2023-09", "shiogama-2025-03"];

/// Folders of fixtures that are not a city's plan (no expected.json).
const NOT_CITIES: &[&str] = &["bad", "generator", "probes", "web"];

fn check(folder: &str, name: &str) {
    let input = fixture(&format!("{folder}/{name}"));
    let (got, bytes) = convert_json(&input, &format!("city-{folder}-{name}"));
    if let Err(problems) = dxplan::schema::validate_value(&got, false) {
        panic!(
            "{folder}/{name}: not valid against the schema:\n{}",
            problems.join("\n")
        );
    }
    assert_golden(&fixture(&format!("{folder}/golden/{name}.json")), &bytes);
    // Every cell of every table was read into the plan: none is left for
    // the accounting stage to name.
    let unplaced: Vec<&serde_json::Value> = got["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "unplaced_cell")
        .collect();
    assert!(
        unplaced.is_empty(),
        "{folder}/{name}: cells not read: {unplaced:?}"
    );
    let mut stripped = got;
    strip_input_specific(&mut stripped);
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture(&format!("{folder}/expected.json"))).unwrap(),
    )
    .unwrap();
    let diffs = json_differences(&expected, &stripped, 30);
    assert!(
        diffs.is_empty(),
        "{folder}/{name} differs from expected.json:\n{}",
        diffs.join("\n")
    );
}

macro_rules! city_tests {
    ($($test:ident => $folder:literal, $name:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check($folder, $name);
            }
        )*
    };
}

city_tests! {
    fujieda_list_workbook => "fujieda-2025-03", "plan.xlsx";
    fujieda_list_calc_pdf => "fujieda-2025-03", "plan.pdf";
    hakuba_policy_column_quarters_xlsx => "hakuba-2025-04", "plan.xlsx";
    hakuba_policy_column_quarters_xls => "hakuba-2025-04", "plan.xls";
    hakuba_policy_column_quarters_calc_pdf => "hakuba-2025-04", "plan-calc.pdf";
    kanda_gantt_months_filled_cells_xlsx => "kanda-2026-04", "plan.xlsx";
    kanda_gantt_months_calc_pdf => "kanda-2026-04", "plan-calc.pdf";
    kanda_gantt_bars_chromium_pdf => "kanda-2026-04", "plan.pdf";
    matsumoto_card_per_sheet_year_columns_xlsx => "matsumoto-2026-05", "plan.xlsx";
    matsumoto_card_per_sheet_year_columns_calc_pdf => "matsumoto-2026-05", "plan.pdf";
    niseko_stacked_cards_roman_circled_quarters_xlsx => "niseko-2026-06", "plan.xlsx";
    niseko_stacked_cards_roman_circled_quarters_ods => "niseko-2026-06", "plan.ods";
    kikuyo_writer_prose_broken_and_side_by_side_cards_pdf => "kikuyo-2025-10", "plan.pdf";
    mitoyo_chromium_radical_leaks_pdf => "mitoyo-2025-03", "plan.pdf";
    shiwa_cards_several_kpis_challenges_xlsx => "shiwa-2026-10", "plan.xlsx";
    shiwa_cards_several_kpis_challenges_calc_pdf => "shiwa-2026-10", "plan.pdf";
    shiwa_earlier_edition_xlsx => "shiwa-2026-04", "plan.xlsx";
    kurayoshi_list_kpi_rows_target_year_columns_xlsx => "kurayoshi-2025-06", "plan.xlsx";
    kurayoshi_list_kpi_rows_target_year_columns_calc_pdf => "kurayoshi-2025-06", "plan.pdf";
    tsuruoka_label_value_pairs_xlsx => "tsuruoka-2025-09", "plan.xlsx";
    tsuruoka_label_value_pairs_pdf => "tsuruoka-2025-09", "plan.pdf";
    tsuruga_transposed_cards_writer_pdf => "tsuruga-2026-02", "plan.pdf";
    joetsu_phase_group_headers_open_end_xlsx => "joetsu-2024-07", "plan.xlsx";
    joetsu_phase_group_headers_open_end_pdf => "joetsu-2024-07", "plan.pdf";
    naruto_schedule_by_content_xlsx => "naruto-2025-11", "plan.xlsx";
    naruto_schedule_by_content_pdf => "naruto-2025-11", "plan.pdf";
    taketa_list_rows_without_merges_xlsx => "taketa-2026-01", "plan.xlsx";
    taketa_list_rows_without_merges_pdf => "taketa-2026-01", "plan.pdf";
    mizunami_date_ranges_in_one_cell_xlsx => "mizunami-2025-05", "plan.xlsx";
    mizunami_date_ranges_in_one_cell_pdf => "mizunami-2025-05", "plan.pdf";
    tsubame_slide_cards_impress_pdf => "tsubame-2025-04", "plan.pdf";
    takayama_roadmap_shapes_impress_pdf => "takayama-2025-03", "plan.pdf";
    nagahama_roadmap_wordless_arrows_impress_pdf => "nagahama-2025-06", "plan.pdf";
    tono_borderless_list_writer_pdf => "tono-2025-07", "plan.pdf";
    tono_borderless_list_two_row_header_writer_pdf => "tono-2025-07", "plan-grouped.pdf";
    zentsuji_borderless_list_calc_pdf => "zentsuji-2025-10", "plan.pdf";
    zentsuji_borderless_list_bottom_aligned_calc_pdf => "zentsuji-2025-10", "plan-bottom.pdf";
    zentsuji_borderless_list_middle_aligned_calc_pdf => "zentsuji-2025-10", "plan-middle.pdf";
    tateyama_slide_cards_named_by_their_titles_impress_pdf => "tateyama-2025-08", "plan.pdf";
    hita_roadmap_gradient_shapes_impress_pdf => "hita-2025-09", "plan.pdf";
    himi_borderless_list_policy_rows_writer_pdf => "himi-2025-11", "plan.pdf";
    imari_borderless_list_over_two_pages_writer_pdf => "imari-2026-02", "plan.pdf";
    kanoya_card_kpi_block_with_its_own_year_header_xlsx => "kanoya-2026-06", "plan.xlsx";
    kanoya_card_kpi_block_with_its_own_year_header_calc_pdf => "kanoya-2026-06", "plan.pdf";
    kanoya_card_kpi_block_hidden_sheets_ods => "kanoya-2026-06", "plan.ods";
    uwajima_indicator_table_keyed_by_measure_numbers_xlsx => "uwajima-2026-05", "plan.xlsx";
    uwajima_indicator_table_keyed_by_measure_numbers_calc_pdf => "uwajima-2026-05", "plan.pdf";
    kitami_borderless_list_rows_cut_by_the_page_break_writer_pdf => "kitami-2026-03", "plan.pdf";
    kitami_a_name_and_its_indicator_cut_by_the_page_break_writer_pdf => "kitami-2026-03", "plan-m2.0.pdf";
    kitami_a_page_holding_only_the_rest_of_a_cut_row_writer_pdf => "kitami-2026-03", "plan-m3.0.pdf";
    kitami_a_unit_cut_off_its_indicator_writer_pdf => "kitami-2026-03", "plan-m3.5.pdf";
}

/// Every city folder has its expected.json and every input in it is in
/// `INPUTS`: a folder without expected.json is an error, not skipped,
/// unless it is one of `NOT_CITIES`.
#[test]
fn every_input_is_listed() {
    let root = fixture("");
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let folder = dir.file_name().unwrap().to_str().unwrap().to_string();
        if !dir.is_dir() || NOT_CITIES.contains(&folder.as_str()) {
            continue;
        }
        assert!(
            dir.join("expected.json").exists(),
            "fixtures/{folder} has no expected.json: a city fixture needs one \
             (a folder that is not a city's plan goes in NOT_CITIES)"
        );
        if ELSEWHERE.contains(&folder.as_str()) {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let name = f.unwrap().file_name().to_str().unwrap().to_string();
            let input = ["pdf", "xlsx", "xls", "ods"]
                .iter()
                .any(|e| name.ends_with(&format!(".{e}")));
            if input {
                assert!(
                    INPUTS.contains(&(folder.as_str(), name.as_str())),
                    "{folder}/{name} is a fixture input missing from INPUTS and city_tests!"
                );
            }
        }
    }
    for (folder, name) in INPUTS {
        assert!(
            fixture(&format!("{folder}/{name}")).exists(),
            "{folder}/{name}"
        );
    }
}

/// `DXPLAN_BLESS=` (empty) and `DXPLAN_BLESS=0` compare with the golden
/// files; only a value rewrites them.
#[test]
fn an_empty_or_zero_bless_does_not_rewrite() {
    use std::ffi::OsStr;
    assert!(!bless_value(None));
    assert!(!bless_value(Some(OsStr::new(""))));
    assert!(!bless_value(Some(OsStr::new("0"))));
    assert!(bless_value(Some(OsStr::new("1"))));
}

/// `dxplan inspect` outlines every cell a drawn Gantt bar marks: on each
/// page of the Chromium plan, as many cells marked in the bar colours
/// (make_html.py: plan #3a6fc4, actual #e8782a; label cells are shaded
/// #e8eef7) as the periods that the expected plan and actual bars of the
/// measures printed there hold.
#[test]
fn inspect_shows_the_bars_taken_as_marks() {
    let input = fixture("kanda-2026-04/plan.pdf");
    let golden: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture("kanda-2026-04/golden/plan.pdf.json")).unwrap(),
    )
    .unwrap();
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("kanda-2026-04/expected.json")).unwrap())
            .unwrap();
    let pages = golden["source"]["pages"].as_u64().unwrap();
    let dir = temp_dir("inspect-bars");
    let mut total = 0;
    for page in 1..=pages {
        let svg = dir.join(format!("p{page}.svg"));
        let o = dxplan(&[
            "inspect",
            input.to_str().unwrap(),
            "--page",
            &page.to_string(),
            "-o",
            svg.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&svg).unwrap();
        let marks = text
            .matches(r##"class="mark" data-fill="#3a6fc4""##)
            .count()
            + text
                .matches(r##"class="mark" data-fill="#e8782a""##)
                .count();
        let want: usize = golden["measures"]
            .as_array()
            .unwrap()
            .iter()
            .zip(expected["measures"].as_array().unwrap())
            .filter(|(g, _)| g["source_ref"] == format!("p.{page}"))
            .flat_map(|(_, e)| e["schedule"].as_array().unwrap().iter())
            .map(|a| a["plan"].as_array().unwrap().len() + a["actual"].as_array().unwrap().len())
            .sum();
        assert_eq!(marks, want, "page {page}: mark cells in the drawing");
        total += marks;
    }
    assert!(total > 20, "only {total} marks drawn");
    let _ = std::fs::remove_dir_all(dir);
}
