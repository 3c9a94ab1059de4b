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
web-code-stale_correction = Review correction not applied
web-code-stale_dismissal = Dismissal without its warning
web-code-hidden_sheet = Hidden sheet, not read
web-code-hidden_cells = Hidden row or column, not read
web-code-unrecognised_table = Table not recognised, not read
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
error-not-found = the file does not exist: check the path (a typo, or was the file moved or renamed?)
error-permission = no permission to read the file: ask for access, or copy the file to a folder you can read
error-io = cannot read the file ({ $detail })
error-unsupported = unsupported file type { $what }: dxplan reads .pdf, .xlsx, .xls, .ods
error-unsupported-json = a .json file is already converted: compare a dxplan .json with `dxplan diff`, check it with `dxplan validate`
error-hint-pdf = ; save it as PDF first (File → Save As / Export → PDF)
error-hint-xlsx = ; open it in a spreadsheet and save it as .xlsx first
error-hint-image = ; an image has no text: make a PDF with OCR first
error-hint-zip = ; unpack it first and convert the files inside
error-is-folder = this is a folder, not a file: name a plan file in it, or convert the whole folder with dxplan convert
error-fifo = this is a named pipe (FIFO), not a file, and reading it might never end: name a plan file
error-socket = this is a socket, not a file: name a plan file
error-device = this is a device, not a file: name a plan file
error-not-regular = this is not a regular file: name a plan file
error-write-no-folder = the folder to write into does not exist: check the path, or create the folder first
error-write-permission = no permission to write here: choose a folder you can write to
error-write-is-folder = this is a folder: give the name of the file to write
error-not-a-folder = a part of the path is a file, not a folder: check the path
error-disk-full = the disk is full: free some space and run again
error-read-only = this place is read-only: choose a folder you can write to
error-empty = the file is empty (0 bytes): the download or copy may have failed; download or copy it again
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
error-review-invalid = not a valid review file: { $detail }
error-review-changed = the review file was changed by someone else after it was opened; nothing was saved: open it again and redo the changes
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
cli-history-what = { $plans } plan(s), { $editions } edition(s) from { $files } file(s)
cli-history-written = dxplan: history of { $what } written to { $file }
cli-history-printed = dxplan: history of { $what } printed
cli-report-kind = { $file }: the report is written as .html, .xlsx or .md
cli-report-what = progress report of { $measures } measure(s) ({ $behind } behind, targets met { $met } of { $compared })
cli-report-written = dxplan: { $what } written to { $file }
cli-folder-unreadable = { $dir }: cannot read the folder: { $reason }
cli-folder-no-plans = { $dir }: no plan files in this folder (.pdf, .xlsx, .xls, .ods, .json)
cli-valid = { $file }: valid
cli-walk-not-found = { $path }: no such file or folder: check the path
cli-walk-no-match = { $path }: no file matches this pattern: check the folder names and the pattern
cli-o-is-folder = { $dir }: this is a folder, and -o names the file to write: give a file name, e.g. -o { $example }
cli-no-plan-found = dxplan: no plan found in { $inputs } ({ $files } file(s) looked at); nothing converted
cli-no-plan-in-history = dxplan: no plan found in { $inputs } ({ $files } file(s) looked at); no history written
cli-link-outside = dxplan: { $file } is a symbolic link to { $target }, outside the folder given; it is converted too
cli-skip-fifo = a named pipe (FIFO), not a file
cli-skip-socket = a socket, not a file
cli-skip-device = a device, not a file
cli-skip-not-regular = not a regular file
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

## dxplan serve --archive: the review page (web-review-*, web-archive-*, web-js-review-* for the script)

serve-archive = Reviewing the plans in { $dir } (review files are saved beside the plans in this folder only)
web-archive-heading = Plans to review
web-archive-intro = The plans in the folder. Open one, compare what was read with the document, correct what is wrong and approve it. Corrections are saved in a review file beside the plan (.review.json) and survive every rerun.
web-archive-loading = Loading…
web-archive-col-plan = File
web-archive-col-title = Plan
web-archive-col-status = Status
web-archive-col-warnings = Warnings left
web-archive-col-corrections = Corrections
web-archive-col-approved = Approved
web-review-title = Review a plan
web-review-back = Back to the list
web-review-open = Review and correct
web-review-unsaved = Changes not saved yet
web-review-saved = Saved.
web-review-save = Save
web-review-download = Download the review file
web-review-upload = Load a review file
web-review-by = Reviewed by
web-review-at = Date
web-review-approve = Approve
web-review-unapprove = Withdraw the approval
web-review-warnings = Warnings
web-review-add-heading = Add a measure that was not read
web-review-note = Why
web-review-add = Add
web-review-source = Where it was read
web-review-source-intro = Press "where" beside a value to see where it was read.
web-review-no-archive = This server runs without a folder to review (--archive).
web-review-refused-path = That file is not a plan in the folder under review.
web-review-invalid = The review is not valid: { $detail }
web-review-conflict = Not saved: someone else saved a review of this plan after you opened it. Your changes are still on this page (not saved). Open the page again to load the latest review, then redo your changes.
web-js-review-not-json = %file% is not a review file (JSON).
web-js-review-source-alt = The page as read (%at% outlined in red)
web-js-review-no-source = This place cannot be shown.
web-js-review-show-source = where
web-js-review-status-unreviewed = not reviewed
web-js-review-status-in-review = in review
web-js-review-status-approved = approved
web-js-review-approved-by = approved (%by%, %at%)
web-js-review-no-warnings = No warnings.
web-js-review-dismissed = checked: %note%
web-js-review-undismiss = undo
web-js-review-note-placeholder = why / note
web-js-review-resolve = resolved
web-js-review-resolved-note = corrected
web-js-review-dismiss = dismiss as not a problem
web-js-review-corrected = corrected in the review
web-js-review-added = added in the review
web-js-review-remove-measure = Remove this measure
web-js-review-remove-why = Why remove it (not a measure of the plan, …)
web-js-review-field-name = Name
web-js-review-field-description = Description
web-js-review-field-effect = Effect
web-js-review-field-challenges = Current state and challenges
web-js-review-field-qualitative_evaluation = Qualitative evaluation
web-js-review-field-review = Review and improvement
web-js-review-field-departments = Departments (separated by 、)
web-js-review-field-activity = Activity
web-js-review-schedule = Schedule
web-js-review-plan = planned
web-js-review-actual = actual
web-js-review-target = target
web-js-review-indicator = Indicator
web-js-review-cost = Cost
web-js-review-zero-budget = zero budget
web-js-review-fiscal-year = FY%year%
web-js-archive-open = open
web-js-archive-none = No plans in this folder.
web-js-review-add-activity = Add a schedule row
web-js-review-add-indicator = Add an indicator
web-review-plan-heading = The plan
web-js-review-field-plan-title = Title
web-js-review-field-plan-issued = Issued
web-js-review-field-plan-revised = Revised
web-js-review-field-plan-municipality-prefecture = Prefecture
web-js-review-field-plan-municipality-name = Municipality
web-js-review-field-plan-municipality-code = Municipality code
web-js-review-removed = measure removed: %id% %name%
web-js-review-restore = restore
web-js-archive-approval-lapsed = (the file changed or a correction no longer applies: review it again)

publish-not-approved = { $file }: not published: { $reason }
publish-no-review = there is no review file { $review } beside it
publish-review-not-approved = { $review } does not approve it
publish-review-other-source = { $review } approved another version of the file: review it again
publish-review-stale = { $review } approves it, but { $count } of its corrections no longer match what the file holds: review it again
publish-none-approved = no plan is approved in a review file: nothing published

## Warnings in the JSON and the workbook (warning-*). The code of a warning
## is the same in every language; the message is in the run's language.

warning-unknown-granularity = the schedule has { $width } columns per year; read as one period per year
warning-calendar-year = the year columns are calendar years ({ $years }); each is read as the fiscal year of that number (April to March)
warning-unplaced-cell = the table cell "{ $text }" was not read into any field (its row or column is not one dxplan recognises here); left out
warning-unrecognised-table = a table of { $rows } rows and { $cols } columns is not one dxplan recognises as a measure table; { $cells } of its non-empty cells, from "{ $text }" on, were not read
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

word-guessed-name = the measure's name
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
word-guessed-name-first = the measure's name (the first row of a card)
word-guessed-description = the description (内容)
word-guessed-effect = the effect (効果)
word-guessed-challenges = the challenges (現状と課題)
word-guessed-qualitative = the qualitative evaluation (評価)
word-guessed-review = the review (見直し・改善)
word-guessed-departments = the departments (担当課)
word-guessed-number = a number
warning-guessed-row-words = the row label "{ $label }" has no entry in dxplan's label table; read as { $field } by its words or its value
warning-guessed-pair-label = the label "{ $label }" has no entry for this field in dxplan's label table; read as { $field } by its words and place
warning-guessed-column = the column header "{ $header }" has no label dxplan knows; read as { $field } by its words

## The command line's help (cli-about-*, cli-arg-*, cli-value-*): shown by --help

cli-about = Turn Japanese municipal DX action plans (PDF, XLSX, XLS, ODS) into JSON, Excel and open-data CSV
cli-about-convert = Convert plans to JSON, an Excel workbook and open-data CSV
cli-about-diff = Show what changed between two revisions of a plan
cli-about-history = The editions of each plan: changes between consecutive editions and every measure's timeline
cli-about-report = A progress report of one edition: targets vs actuals, schedule status, costs (HTML, XLSX or Markdown)
cli-about-schema = Print the JSON Schema of the output
cli-about-validate = Check JSON files against the schema
cli-about-inspect = Draw how a PDF page was read (glyphs, rules, fills, cells) as SVG
cli-about-publish = Publish plans to a CKAN open-data portal (token: CKAN_API_TOKEN)
cli-about-serve = Serve a web page where staff drop plan files and download the data
cli-about-help = Print this message or the help of the given subcommand(s)
cli-arg-help-subcommand = Print help for the subcommand(s)
cli-arg-lang = Language of messages: ja or en (default: from LC_ALL, LC_MESSAGES, LANG)
cli-arg-password = Password of an encrypted PDF
cli-arg-max-input-bytes = Largest input file, in bytes
cli-arg-max-pages = Most PDF pages
cli-arg-max-stream-bytes = Largest decompressed PDF stream or workbook part, in bytes
cli-arg-max-total-bytes = Most decompressed bytes in all, in bytes
cli-arg-max-xobject-depth = Deepest nesting of PDF form XObjects
cli-arg-max-cells = Most cells in one sheet or page grid
cli-arg-max-zip-ratio = Largest unpacked-to-packed ratio of a workbook part over 1 MiB
cli-arg-max-page-marks = Most glyphs, lines, fills and path points drawn on one PDF page
cli-arg-convert-inputs = Input files (.pdf, .xlsx, .xls, .ods), folders to walk, or wildcards (expanded by dxplan where the shell did not)
cli-arg-convert-output = Output folder ("-" with --to json: standard output)
cli-arg-convert-to = Outputs to write, comma separated
cli-arg-convert-encoding = CSV text encoding
cli-value-utf-8-bom = UTF-8 with BOM (Excel opens it without garbling)
cli-arg-convert-jobs = Number of files converted at once (default: all cores)
cli-arg-convert-quiet = No progress bar and no closing summary (errors are still printed)
cli-arg-diff-old = The older revision (.pdf, .xlsx, .xls, .ods or dxplan .json)
cli-arg-diff-new = The newer revision
cli-arg-diff-output = Write to this file instead of standard output (required for xlsx)
cli-arg-history-inputs = Editions (.pdf, .xlsx, .xls, .ods or dxplan .json), folders or wildcards
cli-arg-history-output = Write to this file instead of standard output (required for xlsx)
cli-arg-history-quiet = No progress bar
cli-arg-report-input = One edition (.pdf, .xlsx, .xls, .ods or dxplan .json)
cli-arg-report-output = The report file: .html, .xlsx or .md (Markdown on standard output without -o)
cli-arg-schema-diff = Print the schema of `diff --format json` instead
cli-arg-validate-files = JSON files written by dxplan; a review file (*.review.json) is checked as one
cli-arg-validate-diff = Validate against the diff schema instead
cli-arg-inspect-input = The PDF file
cli-arg-inspect-page = Page number, 1-based
cli-arg-inspect-output = The SVG file to write ("-" for standard output)
cli-arg-publish-inputs = Plans (.pdf, .xlsx, .xls, .ods), dxplan .json files, or folders of them
cli-arg-publish-ckan = The CKAN site, e.g. https://data.example.lg.jp
cli-arg-publish-organization = The CKAN organization that owns the datasets (its name or id)
cli-arg-publish-dry-run = Show what would be created, updated or left alone; change nothing
cli-arg-publish-ca-cert = Trust the certificate authorities in this PEM file (instead of the built-in list) for an https:// portal; SSL_CERT_FILE does the same
cli-arg-serve-listen = Address and port to listen on. Anything but loopback needs a token
cli-arg-serve-token = Access token (at least 16 characters); better given as DXPLAN_TOKEN in the environment, where other users cannot see it
cli-arg-serve-jobs = Conversions at once; more uploads wait in a queue
cli-arg-serve-max-files = Most files in one upload
cli-arg-serve-max-upload-bytes = Largest upload (all files of one request), in bytes
cli-arg-serve-keep-minutes = Minutes uploads and outputs are kept
cli-arg-serve-temp-dir = Folder in which the private temporary folder is made
# clap's own layout words. English runs keep clap's; these are used where
# Japanese replaces them (kept here so both catalogues hold the same ids).
cli-help-usage = Usage:
cli-help-commands = Commands
cli-help-arguments = Arguments
cli-help-options = Options
cli-help-default = [default: { $value }]
cli-help-values = [possible values: { $values }]
cli-help-value-with-help = { $value } ({ $help })
cli-list-separator = {", "}
cli-quoted = '{ $value }'
cli-help-flag = Print help
cli-help-flag-short = Print help (see more with '--help')
cli-help-flag-long = Print help (see a summary with '-h')
cli-version-flag = Print version

## Argument errors (the command line could not be read); exit code 2

cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-command = unrecognized subcommand '{ $name }'
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-possible-values = possible values: { $values }
cli-error-missing = the following required arguments were not provided:
cli-error-missing-command = a command is required: convert, diff, history, report, schema, validate, inspect, publish or serve
cli-error-repeated = the argument '{ $arg }' cannot be used multiple times
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-number-of-values = wrong number of values for '{ $arg }'
cli-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-error-utf8 = invalid UTF-8 was detected in one or more arguments
cli-error-other = the command line cannot be read; see dxplan --help
cli-error-similar-command = tip: a similar subcommand exists: { $values }
cli-error-similar-argument = tip: a similar argument exists: { $values }
cli-error-similar-value = tip: a similar value exists: { $values }
cli-error-more = For more information, try '{ $help }'.
cli-arg-no-review = Read each input as it is, without the review file beside it (<stem>.review.json: staff corrections and approval)
cli-arg-diff-raw-old = Read OLD without its review file: `dxplan diff --raw-old plan.pdf plan.pdf` lists exactly what the review corrects
cli-arg-schema-review = Print the schema of a review file (<stem>.review.json) instead
cli-arg-publish-approved-only = Publish only plans approved in their review file (<stem>.review.json) for the file as it is now; skip the others

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
warning-stale-measure = review correction of measure { $measure } (whole measure) not applied: the plan as read no longer holds its old value { $old }
warning-stale-field = review correction of { $path } of measure { $measure } not applied: the plan as read no longer holds its old value { $old }
warning-stale-plan = review correction of { $path } not applied: the plan as read no longer holds its old value { $old }
warning-stale-dismissal = the review file dismisses warning { $code } at { $at }, but the plan as read has no such warning any more: remove it from the review file
warning-hidden-sheet = sheet "{ $sheet }" is hidden in the workbook and was not read (a printed plan does not show it either); unhide it to have it read
warning-hidden-row = row { $row } of sheet "{ $sheet }" is hidden and was not read ({ $count } cells with text); unhide it to have it read
warning-hidden-column = column { $column } of sheet "{ $sheet }" is hidden and was not read ({ $count } cells with text); unhide it to have it read
warning-indicator-no-measure = the indicator table's row for "{ $name }" names measure { $number }, which the plan does not have (or has more than once): left out
cli-arg-serve-archive = Review the plans in this folder (the tree `convert DIR` takes): the page lists them, and staff's corrections and approvals are saved as <stem>.review.json beside each plan, never outside the folder

# serve --ckan: publishing from the review page
serve-not-a-folder = { $dir } is not a folder
serve-portal = Approved plans can be published from the review page to { $ckan } (organization { $organization }).
serve-portal-needs-archive = dxplan serve: --ckan publishes reviewed plans only: give the folder of plans with --archive DIR
web-publish-off = This server does not publish (start it with --ckan URL --organization NAME).
web-publish-not-approved = Not published: { $reason }. Approve the plan and save first.
web-js-publish = Publish to the portal
web-js-publish-to = to %organization% on %ckan%
web-js-publish-hint-approve = Approve the plan and save to publish it.
web-js-publish-hint-save = Save first: the portal gets the saved review.
web-js-publishing = Publishing… (this can take a minute)
web-js-published = Published.
cli-arg-serve-ckan = The CKAN portal the review page publishes approved plans to (needs --archive and --organization; the API token comes from the environment variable CKAN_API_TOKEN)
cli-arg-serve-organization = The CKAN organization that owns the datasets (its name or id)
cli-arg-serve-ca-cert = Trust the certificate authorities in this PEM file for an https:// portal; SSL_CERT_FILE does the same
