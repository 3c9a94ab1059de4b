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
