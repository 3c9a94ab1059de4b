# dxplan's messages in English. Every id here must also be in ja.ftl
# (a test checks both catalogues have the same ids and placeholders).
# Ids are area-what: serve-* for `dxplan serve`, web-* for the page;
# web-js-* go to the page's script, where %name% is filled in.

## dxplan serve

serve-listening = dxplan serve: open { $url } in a browser
serve-token-on = An access token is required (from --token or DXPLAN_TOKEN); the page asks for it once.
serve-token-off = No access token: only this computer can reach the page (loopback).
serve-keep = Uploads and outputs are kept in a private temporary folder for { $minutes } minutes and removed when the server stops (Ctrl-C).
serve-token-required = dxplan serve: listening on { $address } reaches other computers, so an access token is required: give --token or set DXPLAN_TOKEN
serve-token-too-short = dxplan serve: the access token must be at least 16 characters long
serve-failed = dxplan serve: cannot start: { $reason }

## The page

web-title = dxplan: DX action plans to data
web-lang-ja = 日本語
web-lang-en = English
web-intro = Drop the DX action plan your municipality published (PDF, Excel or ODS). It is read on this server and shown as tables; every warning is shown next to the value it concerns. Then download JSON, Excel or open-data CSV.
web-convert-heading = Convert plans
web-drop-here = Drop plan files here, or choose them (PDF, XLSX, XLS, ODS)
web-convert-button = Convert
web-limits = Up to { $files } files at once, { $megabytes } MB each. Files are deleted { $minutes } minutes after upload.
web-diff-heading = Compare two editions
web-diff-intro = Choose the older and the newer edition of one plan (or dxplan JSON files) to see what changed.
web-diff-old = Older edition
web-diff-new = Newer edition
web-diff-button = Compare
web-footer = dxplan converts on this server only; nothing is sent elsewhere.
web-login-heading = Access token
web-login-intro = This server asks for an access token. Ask the person who runs it.
web-login-token = Token
web-login-button = Enter
web-login-wrong = That token is not right.
web-files-converted = { $count } file(s) converted

web-failed = { $file }: could not be read: { $reason }
web-plan-summary = { $file }: { $measures } measures, { $warnings } warnings
web-warnings-general = Warnings about the whole document
web-download = Download:
web-download-json = JSON
web-download-xlsx = Excel workbook
web-download-csv = CSV (zip)
web-download-all = Everything (zip)
web-encoding = CSV encoding
web-encoding-utf8-bom = UTF-8 with BOM (Excel)
web-encoding-utf8 = UTF-8
web-encoding-sjis = Shift_JIS
web-policies = Basic policies
web-measures = Measures
web-schedule = Schedule
web-indicators = Indicators
web-costs = Costs
web-col-number = No.
web-col-title = Title
web-col-summary = Approach
web-col-id = ID
web-col-name = Measure
web-col-description = Description
web-col-effect = Effect
web-col-challenges = Current state and issues
web-col-departments = Departments
web-col-source = Read at
web-col-activity = Activity
web-col-indicator = Indicator
web-col-unit = Unit
web-fiscal-year = FY{ $year }
web-period-half = H{ $n }
web-period-quarter = Q{ $n }
web-period-month = { $n }
web-planned = Planned
web-actual = Actual
web-target = Target
web-zero-budget = Zero budget
web-page-image = Show where on the page
web-page-image-alt = The page as read, with { $at } outlined in red
web-diff-changes = { $changes } change(s)
web-diff-text = As text
web-diff-markdown = As Markdown
web-download-diff-text = Download text
web-download-diff-markdown = Download Markdown

## Warning kinds (the code stays the same in the JSON)

web-code-unreadable_cell = Unreadable cell
web-code-unplaced_row = Unrecognised row
web-code-unknown_label = Unknown row label
web-code-duplicate_row = Repeated row
web-code-duplicate_id = Repeated measure number
web-code-no_heading = Measure without a heading
web-code-no_schedule_years = No year header
web-code-orphan_row = Row outside any measure
web-code-unplaced_value = Value without a year
web-code-unplaced_mark = Shape marking no cell
web-code-unknown_granularity = Unknown schedule columns
web-code-overlapping_merge = Overlapping merged cells
web-code-covered_cell_text = Text hidden under a merge
web-code-unmapped_glyphs = Characters without text
web-code-unreadable_content = Unreadable page content
web-code-xobject_cycle = Looping page drawing
web-code-replaced_character = Character replaced
web-code-csv_not_written = CSV not written
web-code-image_page = Page without text (scan)
web-code-calendar_year = Calendar-year column
web-code-guessed_label = Placed by content
web-code-unplaced_cell = Cell not read
web-code-other = Other

## Errors on the page

web-error-token = An access token is required: open the page and enter it.
web-error-unsupported = files of type "{ $ext }" cannot be read; dxplan reads .pdf, .xlsx, .xls and .ods
web-error-file-too-large = the file is larger than { $megabytes } MB
web-error-internal = dxplan failed on this file (an internal error); please report it with the file
web-error-no-files = No files were sent.
web-error-too-many-files = Too many files: at most { $files } at once.
web-error-diff-two = Choose two files: the older and the newer edition.
web-error-upload-too-large = The upload is too large: at most { $megabytes } MB at once.
web-error-bad-upload = The upload was broken off or malformed; please try again.
web-error-gone = This result is no longer kept; please upload the file again.
web-error-not-ready = Not ready: the file is still being converted, or could not be read.
web-error-download = The download could not be made
web-error-no-page = No page drawing for this warning.

## Messages of the page's script (%name% is filled in)

web-js-uploading = uploading… %pct%%
web-js-queued = waiting for a free slot…
web-js-running = converting…
web-js-done = done: %n% warning(s)
web-js-done-diff = done: %n% change(s)
web-js-failed = could not be read: %reason%
web-js-gone = no longer kept; upload again
web-js-network = The server could not be reached.
web-js-choose-files = Choose one or more plan files first.
web-js-diff-need-two = Choose both editions first.

## Errors (one line, after the file name)

error-in-file = { $file }: { $reason }
error-not-found = the file does not exist
error-permission = no permission to open the file
error-io = cannot read the file ({ $detail })
error-unsupported = unsupported file type { $what }: dxplan reads .pdf, .xlsx, .xls, .ods
error-unsupported-json = a .json file is already converted: compare a dxplan .json with `dxplan diff`, check it with `dxplan validate`
error-hint-pdf = ; save it as PDF first (File → Save As / Export → PDF)
error-hint-xlsx = ; open it in a spreadsheet and save it as .xlsx first
error-hint-image = ; an image has no text: make a PDF with OCR first
error-hint-zip = ; unpack it first and convert the files inside
error-empty = the file is empty
error-not-this-format = this is not a { $format } file (its content looks like { $looks_like })
error-old-excel = this is an Excel { $version } workbook, a format too old for dxplan: open it in Excel or LibreOffice Calc and save it as .xlsx
error-damaged-pdf = the PDF is damaged and cannot be read: { $detail }
error-damaged-pdf-page = the PDF is damaged and cannot be read: page { $page } ({ $detail })
error-damaged-sheet = the workbook cannot be opened: sheet { $sheet } (part { $part }) is damaged ({ $detail })
error-damaged-part = the workbook cannot be opened: its part { $part } is damaged ({ $detail })
error-damaged-workbook = the workbook cannot be opened: it is damaged or not a real spreadsheet ({ $detail })
error-truncated-pdf = the PDF is damaged and cannot be read: the file ends early, without the PDF end marker %%EOF (was the download cut off? download it again)
error-parser-failed-pdf = the PDF is damaged and cannot be read: the PDF parser failed on it
error-parser-failed-workbook = the workbook cannot be opened: it is damaged (the spreadsheet parser failed on it)
error-encryption = the PDF is encrypted with a security handler dxplan cannot open ({ $handler })
error-protected-workbook = the workbook is protected by a password; dxplan cannot open protected workbooks: save an unprotected copy (open it, remove the password, save it again)
error-undecodable-text = the text of the PDF cannot be decoded: its fonts (e.g. { $font }) do not say which characters they draw
error-no-such-page = the PDF has { $pages } page(s); there is no page { $page }
error-password-required = the PDF is protected by a password
error-wrong-password = the password given does not open this PDF
error-no-text = the PDF has no text layer (it looks like a scan); run OCR on it first
error-limit = { $what } is over the limit of { $limit } ({ $name })
limit-input-bytes = input size
limit-pages = pages
limit-stream-bytes = unpacked size of one stream or part
limit-total-bytes = unpacked size in all
limit-xobject-depth = depth of nested drawings
limit-cells = cells
limit-page-marks = marks on one page
limit-zip-ratio = packing ratio
cli-hint-limit = ; raise it with { $flag } if the file is genuine
cli-hint-password = ; give it with --password
cli-hint-encoding = ; UTF-8 is written with --encoding utf-8-bom
error-no-plan = no plan tables found (looked for rows labelled 事業名, 内容, スケジュール …)
error-bad-json = not a dxplan JSON file ({ $detail })
error-output = cannot write the output ({ $detail })
error-output-type = cannot write the output: dxplan writes .json and .xlsx files, not .{ $extension }
error-write-sheet = sheet { $sheet }: { $detail }
error-write-cell = sheet { $sheet }, cell { $cell }: { $detail }
error-csv-header-row = header row
error-csv-row = row { $row }
error-csv-row-measure = row { $row } (施策ID { $id })
error-not-shift-jis = cannot write the output: { $file }: { $row }, column { $column }: the character "{ $character }" ({ $code }) has no Shift_JIS form; write UTF-8 instead or change the text

## The command line (cli-*)

cli-written = dxplan: { $input } → { $outputs }{ $note }
cli-batch = dxplan: converted { $ok } of { $total } file(s) into { $dir }{ $note }
cli-warnings-note = { $count ->
    [one] ; 1 warning (see "warnings" in the JSON)
   *[other] ; { $count } warnings (see "warnings" in the JSON)
}
cli-csv-files = { $count } CSV files in { $dir }/
cli-csv-files-package = { $count } CSV files and datapackage.json in { $dir }/
cli-replaced-from = dxplan: replaced { $outputs } (written earlier from { $from }) with the output of { $input }
cli-replaced = dxplan: replaced the earlier output of { $input }: { $outputs }
cli-another-version = another version of { $file }
cli-skipped = dxplan: skipped { $file }: { $reason }
cli-lock-file = an Office lock file, not a plan
cli-json-not-plan = a JSON file, not a plan document
cli-not-plan-type = not a plan file type { $ext }
cli-tree-summary = dxplan: { $total } file(s): { $converted } converted, { $unchanged } unchanged since the last run (skipped), { $skipped } not plans, { $failed } failed; outputs mirrored under { $dir } with catalog.csv and catalog.json; { $warnings } new warning(s)
cli-cannot-create-folder = cannot create the output folder { $dir }
cli-output-overwrites-input = { $file }: an output would overwrite this input; choose another -o folder
cli-o-overwrites-input = { $file }: -o would overwrite this input; choose another output file
cli-orphans-removed = dxplan: removed { $count } hidden temporary file(s) that an interrupted earlier run left beside the outputs
cli-o-is-file = { $file }: this is a file, and -o names the folder the outputs go into; choose a folder (it is created when missing), e.g. -o out
cli-same-stem = { $first } and { $second } would both write { $stem }.*; convert them into different folders
cli-bad-stem = { $file }: cannot name an output after this file
cli-output-overwrites-named-input = { $file }: the output would overwrite this input; choose another -o folder
cli-stdout-one-file = -o - writes one file's JSON to standard output; convert a folder or wildcard into -o DIR
cli-stdout-one-input = -o - writes one input's JSON to standard output: give one input and --to json
cli-xlsx-needs-output = --format xlsx needs -o FILE.xlsx
cli-inputs-failed = dxplan: { $count } input(s) could not be read; nothing written
cli-no-plan-in-inputs = no plan found in the inputs
cli-history-what = { $plans } plan(s), { $editions } edition(s) from { $files } file(s)
cli-history-written = dxplan: history of { $what } written to { $file }
cli-history-printed = dxplan: history of { $what } printed
cli-report-kind = { $file }: the report is written as .html, .xlsx or .md
cli-report-what = progress report of { $measures } measure(s) ({ $behind } behind, targets met { $met } of { $compared })
cli-report-written = dxplan: { $what } written to { $file }
cli-folder-unreadable = { $dir }: cannot read the folder: { $reason }
cli-folder-no-plans = { $dir }: no plan files in this folder (.pdf, .xlsx, .xls, .ods, .json)
cli-valid = { $file }: valid
cli-progress-files = files

## dxplan diff, as text and Markdown (diff-*); field labels stay the plan's own (事業名, 計画 …)

diff-no-differences = no differences
diff-md-no-differences = No differences
diff-summary = { $changed } { $changed ->
    [one] measure
   *[other] measures
} changed, { $added } added, { $removed } removed, { $moved } moved
diff-old-side = old: { $side }
diff-new-side = new: { $side }
diff-schedules = schedules: { $legend }
diff-md-schedules = Schedules: { $legend } (■ scheduled).
diff-legend = one mark per { $unit }
diff-legend-years = one mark per { $unit }, FY{ $first }–FY{ $last }
diff-unit-year = year
diff-unit-half = half-year
diff-unit-quarter = quarter
diff-unit-month = month
diff-added = { $title } (added)
diff-removed = { $title } (removed)
diff-moved-from = (moved from { $id })
diff-row-added = スケジュール「{ $activity }」 (added)
diff-row-removed = スケジュール「{ $activity }」 (removed)
# "old" and "new" in front of schedule strips: the two must be as wide as each other.
diff-strip-old = old
diff-strip-new = new
diff-none = (none)
diff-blank = (blank)

## dxplan history, as text and Markdown (history-*); the steps use diff-*

history-no-plans = No plans.
history-untitled = (untitled plan)
history-editions = { $plan }: { $count } edition(s)
history-md-editions = { $count } edition(s).
history-md-editions-head = | 版 | file | issued | revised | measures |
history-edition-dates = issued { $issued }, revised { $revised }, { $measures } measures
history-also = (also { $files })
history-timeline = measures through the editions
history-md-timeline = 施策の経過 (measures through the editions)
history-md-timeline-head = | 施策 | 事業名 | since | edition | change |
history-thread = { $id } { $name } (since { $since })
history-thread-no-change = { $id } { $name } (since { $since }): no change
history-no-change = no change
history-added = added
history-removed = removed
history-renamed = renamed: { $old } → { $new }
history-moved = moved: { $old } → { $new }
history-target = target FY{ $year }: { $old } → { $new }
history-target-nth = indicator { $n } target FY{ $year }: { $old } → { $new }

## dxplan diff as a workbook (diff-xlsx-*): the 種別 and 詳細 cells; sheet and column names stay the plan's own

diff-xlsx-added = added
diff-xlsx-removed = removed
diff-xlsx-changed = changed
diff-xlsx-moved = moved
diff-xlsx-moved-from = moved from { $id }
diff-xlsx-periods-added = added { $periods }
diff-xlsx-periods-removed = removed { $periods }
history-xlsx-renamed = renamed
history-xlsx-moved = moved
history-xlsx-target = target
history-xlsx-target-nth = indicator { $n } target
publish-run-again = The portal may hold part of this run (the dataset says dxplan_status: 更新中): run the same command again to finish it.

## Warnings in the JSON and the workbook (warning-*). The code of a warning
## is the same in every language; the message is in the run's language.

warning-unknown-granularity = the schedule has { $width } columns per year; read as one period per year
warning-calendar-year = the year columns are calendar years ({ $years }); each is read as the fiscal year of that number (April to March)
warning-unplaced-cell = the table cell "{ $text }" was not read into any field (its row or column is not one dxplan recognises here); left out
warning-guessed-label = the row "{ $label }" has no label dxplan knows; read as { $what } by what its cells hold
warning-pair-left-out = { $label } | { $value } in a row of label | value pairs cannot be read there (a second one, or a field that needs its own rows); left out
warning-duplicate-row = a second { $label } row ({ $what }) in one measure table; the first is kept, this one is left out
warning-unknown-label = the row label "{ $label }" is not one dxplan knows; the row is left out: { $texts }
warning-unplaced-row = a table row was not recognised and is left out: { $texts }
warning-no-years = the table has no year header (R4, 令和5年度 …), so its { $what } cannot be placed; left out
warning-list-no-name = a list row has no measure name (取組名/事業名) and is left out: { $texts }
warning-unplaced-value = "{ $raw }" names no fiscal year, nor does its column header (現状値（R6）, 目標値（R8）, "R8: 60"); left out
warning-orphan-row = a row labelled { $label } ({ $field }) is outside any measure table (no 事業名 row above it, e.g. a table continued from the previous page); it is left out
warning-no-heading = no measure number (施策1, 取組 1-(2), No.2 …) found for "{ $name }"; numbered by position
warning-duplicate-id = measure id { $id } appears twice
warning-schedule-word = schedule cell holds "{ $word }", not a mark; not counted as scheduled
warning-cell-error = cell { $cell } was left empty: the cell shows the error { $error }
warning-date-out-of-range = cell { $cell } was left empty: the date serial { $serial } is out of range
warning-overlapping-merge = the merged region at { $cell } overlaps another one and was ignored
warning-covered-cell-text = cell { $cell } is hidden under a merged region; its text "{ $text }" was left out
warning-xobject-cycle = a form XObject draws itself; the repeat was skipped
warning-unreadable-content = part of the page's content is damaged and was skipped
warning-unplaced-mark = a shape drawn over a table at ({ $x0 }, { $y0 })–({ $x1 }, { $y1 }) pt covers no cell by half its width; it is not read as a schedule mark
warning-image-page = page { $page } is an image without text (a scanned page?); nothing on it is read: check it by hand or make the PDF with OCR
warning-unmapped-glyphs = { $count } glyphs of font { $font } have no Unicode text and were left out
warning-replaced-character = replaced the platform-dependent character "{ $character }" ({ $code }) with "{ $replacement }" in { $field }
warning-replaced-character-of = replaced the platform-dependent character "{ $character }" ({ $code }) with "{ $replacement }" in { $field } of { $owner }
warning-csv-not-written = { $file } was not written: { $reason }

## Words inside warnings (word-*): what a row was read as, a measure's fields

word-guessed-name = the measure's name (the first row of a card)
word-guessed-schedule = a schedule (marks or words under the period columns)
word-guessed-cost = a cost (amounts with a unit)
word-guessed-indicator = an indicator (numbers beside 目標/実績)
word-name = name
word-description = description
word-effect = effect
word-challenges = challenges
word-qualitative-evaluation = qualitative_evaluation
word-review = review
word-departments = departments
word-cost = cost
word-indicator = indicator
word-indicator-target = indicator target
word-indicator-actual = indicator actual
word-schedule-marks = schedule marks
word-schedule = schedule
word-target = target
word-actual = actual
word-current = current
word-qualitative = qualitative
word-number = number
word-policy = policy
word-activity = activity

## Fragments inside error messages: what a file's bytes look like, notes

error-unsupported-note = { $ext } ({ $note })
looks-like-html = an HTML web page
looks-like-pdf = a PDF
looks-like-zip = a ZIP archive
looks-like-old-office = an old Office document
looks-like-image = an image
looks-like-text = plain text
looks-like-binary = unrecognised binary data
note-no-extension = (no extension)
note-not-a-spreadsheet = not a spreadsheet
note-json-converted = a JSON plan is already converted
note-inspect-pdf-only = inspect draws PDF pages only

## dxplan publish: the CKAN client (portal-*)

portal-ca-cert = cannot read the CA certificates in { $file }: { $detail }
portal-unreachable = cannot reach CKAN at { $url }: { $detail }
portal-token-missing = no API token: set the environment variable CKAN_API_TOKEN
portal-token-refused = CKAN refused the API token: { $message }
portal-organization-missing = organization { $organization } does not exist on this CKAN: ask the CKAN administrator to create it, or check the name given with --organization
portal-other-owner = dataset { $dataset } belongs to another organization ({ $owner })
portal-validation = CKAN refused { $what }: { $message }
portal-too-large = { $file } is too large for this CKAN ({ $size } bytes): { $message }
portal-server = CKAN answered HTTP { $status } to { $action }: { $message }
portal-bad-answer = unreadable answer from CKAN to { $action }: { $detail }
portal-unpublishable = cannot publish this plan: { $reason }
portal-render = cannot render the files: { $reason }
portal-no-code = no municipality code in the plan
portal-no-edition = no issue or revision month in the plan
portal-step-created = created: { $what }
portal-step-would-create = would create: { $what }
portal-step-updated = updated: { $what }
portal-step-would-update = would update: { $what }
portal-step-kept = kept earlier edition: { $what }
portal-step-would-keep = would keep earlier edition: { $what }
portal-step-unchanged = unchanged: { $what }
portal-step-file = { $step } ({ $file })
portal-outcome-unchanged = { $dataset } ({ $edition }版): unchanged: the portal already has these files; nothing uploaded: { $url }
portal-outcome-dry-run = { $dataset } ({ $edition }版): dry run: would upload { $count } file(s); nothing was changed: { $url }
portal-outcome-uploaded = { $dataset } ({ $edition }版): uploaded { $count } file(s): { $url }

## dxplan validate: what the schema finds wrong (schema-*). Paths, property
## names and JSON values stay as they are.

schema-problem-at = at { $path }: { $problem }
schema-not-json = not JSON: { $detail }
schema-required = { $property } is a required property
schema-type = { $value } is not of type { $types }
schema-enum = { $value } is not one of { $options }
schema-const = { $value } is not { $expected }
schema-additional = properties not allowed here: { $properties }
schema-pattern = { $value } does not match { $pattern }
schema-format = { $value } is not a { $format }
schema-min-length = { $value } is shorter than { $limit } characters
schema-max-length = { $value } is longer than { $limit } characters
schema-min-items = fewer than { $limit } items
schema-max-items = more than { $limit } items
schema-minimum = { $value } is less than { $limit }
schema-maximum = { $value } is more than { $limit }
schema-no-alternative = { $value } matches none of the allowed forms
schema-several-alternatives = { $value } matches more than one of the allowed forms
schema-not-allowed = no value is allowed here
schema-unique = the items are not unique
schema-other = { $detail }

## dxplan report (report-*). The English report keeps the plan's Japanese
## terms with English glosses, as it always has; the Japanese one has none.

report-title = 進捗レポート: { $title }
report-as-of = As of { $date } (the edition's date): fiscal years up to { $year } have closed, so their planned periods are due. Source: { $file }.
report-no-date = The edition has no date: nothing is counted as due. Source: { $file }.
report-month = { $year }-{ $month }
report-summary = 概要 (summary)
report-col-measures = 施策
report-col-targets-met = 目標達成
report-col-cost-year = 事業費 { $year } (千円)
report-status-on-schedule = 計画どおり
report-status-ahead = 前倒し
report-status-behind = 遅れ
report-status-not-reported = 実績未報告
report-heading-on-schedule = 計画どおり (on schedule)
report-heading-ahead = 前倒し (ahead)
report-heading-behind = 遅れ (behind)
report-heading-not-reported = 実績未報告 (not reported)
report-badge-on-schedule = 計画どおり on schedule
report-badge-ahead = 前倒し ahead
report-badge-behind = 遅れ behind
report-badge-not-reported = 実績未報告 not reported
report-html-on-schedule = 計画どおり<br>on schedule
report-html-ahead = 前倒し<br>ahead
report-html-behind = 遅れ<br>behind
report-html-not-reported = 実績未報告<br>not reported
report-html-targets-met = 目標達成<br>targets met
report-html-cost-year = 事業費 { $year }<br>(千円)
report-verdict-met = met 達成
report-verdict-not-met = not met 未達成
report-verdict-no-actual = no actual 実績なし
report-verdict-pending = pending 未到来
report-verdict-no-target = —
report-unit = { " " }({ $unit })
report-md-targets = 目標と実績 (targets and actuals): { $indicator }
report-md-schedule = スケジュール (schedule):
report-md-cost = 事業費 (cost):
report-col-year = 年度
report-col-target = 目標値
report-col-actual = 実績値
report-col-rate = 達成率
report-col-verdict = 判定
report-col-activity = 取組
report-col-plan = 計画
report-col-done = 実績
report-col-missing = 未実施 (due, not done)
report-col-early = 前倒し
report-col-status = 状況
report-as-printed = as printed
report-thousand-yen = 千円
report-row-target = 目標値 target
report-row-actual = 実績値 actual
report-row-rate = 達成率 rate
report-cost = 事業費
report-legend = Gantt:{ $plan }計画 plan{ $actual }実績 actual{ $missing }遅れ due, not done{ $early }前倒し ahead — 目標と実績:{ $target }目標 target{ $result }実績 actual
report-svg-gantt = Gantt { $id }
report-svg-targets = Targets { $id }
report-run = { $first }–{ $last }
report-list-separator = { ", " }
report-half-first = H1
report-half-second = H2
report-quarter = Q{ $n }
report-month-of-year = month { $month }
report-xlsx-title = 進捗レポート: { $title }
report-sheet-summary = 概要
report-sheet-targets = 目標と実績
report-sheet-schedule = スケジュール
report-sheet-cost = 事業費
report-xlsx-measure = 施策
report-xlsx-name = 事業名
report-xlsx-indicator-number = 指標番号
report-xlsx-indicator = 指標
report-xlsx-unit = 単位
report-xlsx-year = 年度
report-xlsx-target = 目標値
report-xlsx-actual = 実績値
report-xlsx-target-number = 目標(数値)
report-xlsx-actual-number = 実績(数値)
report-xlsx-rate = 達成率(%)
report-xlsx-verdict = 判定
report-xlsx-measure-status = 施策の状況
report-xlsx-activity = 取組
report-xlsx-plan = 計画
report-xlsx-done = 実績
report-xlsx-missing = 未実施
report-xlsx-early = 前倒し
report-xlsx-activity-status = 取組の状況
report-xlsx-printed = 記載
report-xlsx-yen = 円
report-xlsx-measures = 施策数
report-xlsx-targets-met = 目標達成
report-xlsx-targets-compared = 目標比較
report-xlsx-cost-year = 事業費 { $year } (円)
note-font = { $resource } ({ $why })
note-font-without-name = a font without a name
note-font-missing = its font object is missing or damaged
portal-redirected = unreadable answer from CKAN to { $action }: CKAN redirected to { $to }; give the site's address as --ckan
portal-redirected-somewhere = unreadable answer from CKAN to { $action }: CKAN redirected to another address; give the site's address as --ckan
portal-no-certificate = cannot read the CA certificates in { $file }: no certificate (-----BEGIN CERTIFICATE-----) in the file
portal-download-failed = CKAN answered HTTP { $status } to GET { $url }: the file could not be downloaded

## What is over a reader's limit (limit-what-*)

limit-what-unpacked-workbook = the unpacked workbook ({ $bytes } bytes)
limit-what-workbook-part = the workbook part { $part } ({ $bytes } bytes unpacked)
limit-what-packing-ratio = the packing ratio of the workbook part { $part } ({ $packed } bytes unpacking to { $bytes })
limit-what-sheet = sheet "{ $sheet }" ({ $rows } rows × { $cols } columns = { $cells } cells)
limit-what-file-size = the file size ({ $bytes } bytes)
limit-what-pdf-stream = a decompressed stream in the PDF
limit-what-pdf-content = the decompressed content of the PDF
limit-what-pages = the number of pages
limit-what-page-marks = the number of glyphs, lines and fills on page { $page }
limit-what-xobject-nesting = the nesting of form XObjects on page { $page }
limit-what-page-grid = the grid of page { $page } ({ $rows } × { $cols } cells)
limit-what-table = a table of { $cells } cells
web-error-host = host not allowed: without an access token dxplan serve answers on this computer only (localhost)
web-error-cross-site = cross-site request refused: send files from dxplan's own page
