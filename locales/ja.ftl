# dxplan のメッセージ（日本語）。ここにある id はすべて en.ftl にも
# 必要です（両方の id とプレースホルダが同じかをテストが確かめます）。
# id は「場所-内容」: serve-* は `dxplan serve`、web-* はページ、
# web-js-* はページのスクリプト用（%name% が埋められます）。

## dxplan serve

serve-listening = dxplan serve: ブラウザで { $url } を開いてください
serve-token-on = アクセストークンが必要です（--token または DXPLAN_TOKEN で設定）。ページで一度だけ入力します。
serve-token-off = アクセストークンなし: このコンピューターからのみ開けます（ループバック）。
serve-keep = アップロードと出力は専用の一時フォルダーに { $minutes } 分間保存され、サーバー停止時（Ctrl-C）にも削除されます。
serve-token-required = dxplan serve: { $address } で待ち受けると他のコンピューターから届くため、アクセストークンが必要です。--token を指定するか DXPLAN_TOKEN を設定してください
serve-token-too-short = dxplan serve: アクセストークンは 16 文字以上にしてください
serve-failed = dxplan serve: 起動できません: { $reason }

## ページ

web-title = dxplan: DX推進アクションプランをデータに
web-lang-ja = 日本語
web-lang-en = English
web-intro = 自治体が公表した DX推進アクションプラン（PDF・Excel・ODS）をここにドロップしてください。このサーバーで読み取り、表として表示します。警告は該当する値の隣に表示されます。JSON・Excel・オープンデータ用 CSV をダウンロードできます。
web-convert-heading = 計画を変換
web-drop-here = 計画のファイルをここにドロップするか、選択してください（PDF・XLSX・XLS・ODS）
web-convert-button = 変換
web-limits = 一度に { $files } ファイルまで、1 ファイル { $megabytes } MB まで。ファイルはアップロードから { $minutes } 分後に削除されます。
web-diff-heading = 二つの版を比較
web-diff-intro = 同じ計画の旧版と新版（または dxplan の JSON）を選ぶと、変わった箇所を表示します。
web-diff-old = 旧版
web-diff-new = 新版
web-diff-button = 比較
web-footer = dxplan はこのサーバーの中だけで変換します。外部には送信しません。
web-login-heading = アクセストークン
web-login-intro = このサーバーはアクセストークンを求めています。管理者にお問い合わせください。
web-login-token = トークン
web-login-button = 入る
web-login-wrong = トークンが正しくありません。
web-files-converted = { $count } 件を変換しました

web-failed = { $file }: 読み取れませんでした: { $reason }
web-plan-summary = { $file }: 施策 { $measures } 件、警告 { $warnings } 件
web-warnings-general = 文書全体に関する警告
web-download = ダウンロード:
web-download-json = JSON
web-download-xlsx = Excel ブック
web-download-csv = CSV（zip）
web-download-all = すべて（zip）
web-encoding = CSV の文字コード
web-encoding-utf8-bom = UTF-8 BOM 付き（Excel 向け）
web-encoding-utf8 = UTF-8
web-encoding-sjis = Shift_JIS
web-policies = 基本方針
web-measures = 施策
web-schedule = スケジュール
web-indicators = 目標値・実績値
web-costs = 事業費
web-col-number = 番号
web-col-title = 方針
web-col-summary = 取り組み方針
web-col-id = 番号
web-col-name = 事業名
web-col-description = 内容
web-col-effect = 効果
web-col-challenges = 現状と課題
web-col-departments = 担当部署
web-col-source = 読み取り位置
web-col-activity = 内容
web-col-indicator = 指標
web-col-unit = 単位
web-fiscal-year = { $year }年度
web-period-half = { $n }半期
web-period-quarter = { $n }Q
web-period-month = { $n }月
web-planned = 計画
web-actual = 実績
web-target = 目標
web-zero-budget = ゼロ予算
web-page-image = ページ上の位置を表示
web-page-image-alt = 読み取ったページ（{ $at } を赤枠で表示）
web-diff-changes = 変更 { $changes } 件
web-diff-text = テキスト表示
web-diff-markdown = Markdown 表示
web-download-diff-text = テキストをダウンロード
web-download-diff-markdown = Markdown をダウンロード

## 警告の種類（JSON の code は言語によらず同じ）

web-code-unreadable_cell = 読み取れないセル
web-code-unplaced_row = 認識できない行
web-code-unknown_label = 知らない行見出し
web-code-duplicate_row = 重複した行
web-code-duplicate_id = 重複した施策番号
web-code-no_heading = 見出しのない施策
web-code-no_schedule_years = 年度の見出しがない
web-code-orphan_row = 施策の外にある行
web-code-unplaced_value = 年度の分からない値
web-code-unplaced_mark = どのセルも示さない図形
web-code-unknown_granularity = 分からないスケジュール列
web-code-overlapping_merge = 重なった結合セル
web-code-covered_cell_text = 結合の下に隠れた文字
web-code-unmapped_glyphs = 文字に戻せないグリフ
web-code-unreadable_content = 読み取れないページ内容
web-code-xobject_cycle = 循環するページ描画
web-code-replaced_character = 置き換えた文字
web-code-csv_not_written = 書き出せなかった CSV
web-code-image_page = 文字のないページ（画像）
web-code-calendar_year = 暦年の列
web-code-guessed_label = 内容から判断した行・列
web-code-unplaced_cell = 読み取らなかったセル
web-code-other = その他

## ページのエラー

web-error-token = アクセストークンが必要です。ページを開いて入力してください。
web-error-unsupported = 「{ $ext }」の形式は読めません。dxplan が読めるのは .pdf・.xlsx・.xls・.ods です
web-error-file-too-large = ファイルが { $megabytes } MB を超えています
web-error-internal = このファイルで dxplan が失敗しました（内部エラー）。ファイルを添えてご報告ください
web-error-no-files = ファイルが送られていません。
web-error-too-many-files = ファイルが多すぎます。一度に { $files } ファイルまでです。
web-error-diff-two = 旧版と新版の二つのファイルを選んでください。
web-error-upload-too-large = アップロードが大きすぎます。一度に { $megabytes } MB までです。
web-error-bad-upload = アップロードが途中で切れたか、形式が正しくありません。もう一度お試しください。
web-error-gone = この結果はもう保存されていません。ファイルをもう一度アップロードしてください。
web-error-not-ready = まだ用意できていません。変換中か、読み取れなかったファイルです。
web-error-download = ダウンロードを作れませんでした
web-error-no-page = この警告にはページの図がありません。

## ページのスクリプト用（%name% が埋められます）

web-js-uploading = アップロード中… %pct%%
web-js-queued = 順番待ち…
web-js-running = 変換中…
web-js-done = 完了: 警告 %n% 件
web-js-done-diff = 完了: 変更 %n% 件
web-js-failed = 読み取れませんでした: %reason%
web-js-gone = 保存期間が過ぎました。もう一度アップロードしてください
web-js-network = サーバーに接続できませんでした。
web-js-choose-files = 先に計画のファイルを選んでください。
web-js-diff-need-two = 先に旧版と新版の両方を選んでください。

## エラー（一行で、ファイル名の後に）

error-in-file = { $file }: { $reason }
error-not-found = ファイルが見つかりません
error-permission = ファイルを開く権限がありません
error-io = ファイルを読めません（{ $detail }）
error-unsupported = 対応していない種類のファイルです（{ $what }）。dxplan が読めるのは .pdf・.xlsx・.xls・.ods です
error-unsupported-json = .json は変換済みのファイルです。比較は `dxplan diff`、検査は `dxplan validate` で行ってください
error-hint-pdf = 。先に PDF として保存してください（ファイル → 名前を付けて保存／エクスポート → PDF）
error-hint-xlsx = 。先に表計算ソフトで .xlsx として保存してください
error-hint-image = 。画像には文字情報がありません。先に OCR をかけた PDF を作ってください
error-hint-zip = 。先に展開して、中のファイルを変換してください
error-empty = ファイルが空です
error-not-this-format = { $format } ファイルではありません（中身は { $looks_like } のようです）
error-old-excel = Excel { $version } のブックです。dxplan には古すぎる形式です。Excel か LibreOffice Calc で開いて .xlsx として保存してください
error-damaged-pdf = PDF が壊れていて読めません（{ $detail }）
error-damaged-pdf-page = PDF が壊れていて読めません: { $page } ページ目（{ $detail }）
error-damaged-sheet = ブックを開けません: シート「{ $sheet }」（部品 { $part }）が壊れています（{ $detail }）
error-damaged-part = ブックを開けません: 部品 { $part } が壊れています（{ $detail }）
error-damaged-workbook = ブックを開けません: 壊れているか、表計算のファイルではありません（{ $detail }）
error-truncated-pdf = PDF が途中で切れていて読めません（終わりの印 %%EOF がありません）。ダウンロードが途中で止まったのかもしれません。もう一度ダウンロードしてください
error-parser-failed-pdf = PDF が壊れていて読めません（PDF の解析に失敗しました）
error-parser-failed-workbook = ブックを開けません: 壊れています（表計算ファイルの解析に失敗しました）
error-encryption = PDF が dxplan の開けない方式（{ $handler }）で暗号化されています
error-protected-workbook = ブックにパスワードが設定されています。dxplan はパスワード付きのブックを開けません。パスワードを外したコピーを保存してください（開いてパスワードを解除し、保存し直す）
error-undecodable-text = PDF の文字を読み取れません。フォント（例: { $font }）がどの文字を描くかを示していません
error-no-such-page = PDF は { $pages } ページです。{ $page } ページ目はありません
error-password-required = PDF にパスワードが設定されています
error-wrong-password = 指定されたパスワードではこの PDF を開けません
error-no-text = PDF に文字情報がありません（スキャン画像のようです）。先に OCR をかけてください
error-limit = { $name }が上限 { $limit } を超えています（{ $what }）
limit-input-bytes = ファイルの大きさ
limit-pages = ページ数
limit-stream-bytes = 一つのストリーム・部品の展開後の大きさ
limit-total-bytes = 展開後の大きさの合計
limit-xobject-depth = 入れ子の描画の深さ
limit-cells = セルの数
limit-page-marks = 1 ページの文字・線・塗りの数
limit-zip-ratio = 圧縮率
cli-hint-limit = 。正規のファイルであれば { $flag } で上限を上げてください
cli-hint-password = 。--password で指定してください
cli-hint-encoding = 。UTF-8 は --encoding utf-8-bom で書き出せます
error-no-plan = 計画の表が見つかりません（事業名・内容・スケジュール などの行を探しました）
error-bad-json = dxplan の JSON ファイルではありません（{ $detail }）
error-output = 出力を書き込めません（{ $detail }）
error-output-type = 出力を書き込めません。dxplan が書き出せるのは .json と .xlsx のファイルです（.{ $extension } は書けません）
error-write-sheet = シート「{ $sheet }」: { $detail }
error-write-cell = シート「{ $sheet }」のセル { $cell }: { $detail }
error-csv-header-row = 見出し行
error-csv-row = { $row } 行目
error-csv-row-measure = { $row } 行目（施策ID { $id }）
error-not-shift-jis = 出力を書き込めません: { $file } の{ $row }、列「{ $column }」: 文字「{ $character }」（{ $code }）は Shift_JIS にありません。UTF-8 で書き出すか、文字を変えてください

## コマンドライン (cli-*)

cli-written = dxplan: { $input } → { $outputs }{ $note }
cli-batch = dxplan: { $total } ファイル中 { $ok } ファイルを { $dir } に変換しました{ $note }
cli-warnings-note = { $count ->
    [one] （警告 1 件: JSON の "warnings" を見てください）
   *[other] （警告 { $count } 件: JSON の "warnings" を見てください）
}
cli-csv-files = { $dir }/ に CSV { $count } ファイル
cli-csv-files-package = { $dir }/ に CSV { $count } ファイルと datapackage.json
cli-replaced-from = dxplan: { $outputs }（以前 { $from } から書き出したもの）を { $input } の出力で置き換えました
cli-replaced = dxplan: { $input } の以前の出力を置き換えました: { $outputs }
cli-another-version = 別の版の { $file }
cli-skipped = dxplan: { $file } を飛ばしました: { $reason }
cli-lock-file = Office のロックファイルで、計画ではありません
cli-json-not-plan = JSON ファイルで、計画の文書ではありません
cli-not-plan-type = 計画のファイル形式ではありません（{ $ext }）
cli-tree-summary = dxplan: { $total } ファイル: 変換 { $converted }、前回から変わらず飛ばしたもの { $unchanged }、計画でないもの { $skipped }、失敗 { $failed }。出力は { $dir } に元の構成のまま置き、catalog.csv と catalog.json を添えました。新しい警告 { $warnings } 件
cli-cannot-create-folder = 出力フォルダー { $dir } を作れません
cli-output-overwrites-input = { $file }: 出力がこの入力を上書きしてしまいます。別の -o フォルダーを選んでください
cli-o-overwrites-input = { $file }: -o がこの入力を上書きしてしまいます。別の出力ファイルを選んでください
cli-orphans-removed = dxplan: 前回中断された実行が出力の横に残した一時ファイル（隠しファイル）を { $count } 個削除しました
cli-o-is-file = { $file }: これはファイルです。-o には出力を置くフォルダーを指定します。フォルダーを選んでください（無ければ作ります）。例: -o out
cli-same-stem = { $first } と { $second } はどちらも { $stem }.* を書き出します。別々のフォルダーに変換してください
cli-bad-stem = { $file }: このファイル名からは出力の名前を付けられません
cli-output-overwrites-named-input = { $file }: 出力がこの入力を上書きしてしまいます。別の -o フォルダーを選んでください
cli-stdout-one-file = -o - は一つのファイルの JSON を標準出力に書きます。フォルダーやワイルドカードは -o DIR に変換してください
cli-stdout-one-input = -o - は一つの入力の JSON を標準出力に書きます。入力を一つにして --to json を指定してください
cli-xlsx-needs-output = --format xlsx には -o FILE.xlsx が必要です
cli-inputs-failed = dxplan: { $count } 件の入力を読めませんでした。何も書き出していません
cli-no-plan-in-inputs = 入力に計画が見つかりません
cli-history-what = 計画 { $plans } 件・版 { $editions } 件（{ $files } ファイルから）
cli-history-written = dxplan: { $what }の履歴を { $file } に書き出しました
cli-history-printed = dxplan: { $what }の履歴を表示しました
cli-report-kind = { $file }: 報告書は .html・.xlsx・.md のいずれかで書き出します
cli-report-what = { $measures } 施策の進捗報告（遅れ { $behind } 件、目標達成 { $compared } 件中 { $met } 件）
cli-report-written = dxplan: { $what }を { $file } に書き出しました
cli-folder-unreadable = { $dir }: フォルダーを読めません: { $reason }
cli-folder-no-plans = { $dir }: このフォルダーに計画のファイルがありません（.pdf・.xlsx・.xls・.ods・.json）
cli-valid = { $file }: 正しい形式です
cli-progress-files = ファイル

## dxplan diff のテキストと Markdown (diff-*)。項目名は計画の言葉のまま（事業名・計画 など）

diff-no-differences = 差分はありません
diff-md-no-differences = 差分はありません
diff-summary = 変更 { $changed } 施策、追加 { $added }、削除 { $removed }、移動 { $moved }
diff-old-side = 旧: { $side }
diff-new-side = 新: { $side }
diff-schedules = スケジュール: { $legend }
diff-md-schedules = スケジュール: { $legend }（■ が予定）。
diff-legend = 1 マス＝{ $unit }
diff-legend-years = 1 マス＝{ $unit }、{ $first }〜{ $last }年度
diff-unit-year = 1 年度
diff-unit-half = 半期
diff-unit-quarter = 四半期
diff-unit-month = 1 か月
diff-added = { $title }（追加）
diff-removed = { $title }（削除）
diff-moved-from = （{ $id } から移動）
diff-row-added = スケジュール「{ $activity }」（追加）
diff-row-removed = スケジュール「{ $activity }」（削除）
# スケジュールの帯の前の「旧」「新」: 二つの幅をそろえてください。
diff-strip-old = 旧
diff-strip-new = 新
diff-none = （なし）
diff-blank = （空欄）

## dxplan history の文字と Markdown（history-*）。各版の間の差分は diff-* を使います

history-no-plans = 計画がありません。
history-untitled = （名称不明の計画）
history-editions = { $plan }：全 { $count } 版
history-md-editions = 全 { $count } 版。
history-md-editions-head = | 版 | ファイル | 策定 | 改訂 | 施策数 |
history-edition-dates = 策定 { $issued }、改訂 { $revised }、施策 { $measures } 件
history-also = （同じ内容: { $files }）
history-timeline = 施策の経過
history-md-timeline = 施策の経過
history-md-timeline-head = | 施策 | 事業名 | 初出 | 版 | 変更 |
history-thread = { $id } { $name }（{ $since } 版から）
history-thread-no-change = { $id } { $name }（{ $since } 版から）：変更なし
history-no-change = 変更なし
history-added = 追加
history-removed = 削除
history-renamed = 名称変更: { $old } → { $new }
history-moved = 施策番号変更: { $old } → { $new }
history-target = 目標値 { $year }年度: { $old } → { $new }
history-target-nth = 指標{ $n } 目標値 { $year }年度: { $old } → { $new }

## dxplan diff の Excel（diff-xlsx-*）: 種別と詳細の欄。シート名と列名は計画の言葉のまま

diff-xlsx-added = 追加
diff-xlsx-removed = 削除
diff-xlsx-changed = 変更
diff-xlsx-moved = 移動
diff-xlsx-moved-from = { $id } から移動
diff-xlsx-periods-added = 追加 { $periods }
diff-xlsx-periods-removed = 削除 { $periods }
history-xlsx-renamed = 名称変更
history-xlsx-moved = 施策番号変更
history-xlsx-target = 目標値変更
history-xlsx-target-nth = 指標{ $n }の目標値変更
publish-run-again = ポータルには途中まで反映されている可能性があります（データセットに dxplan_status: 更新中 と表示されます）。同じコマンドをもう一度実行すると最後まで反映されます。

## JSON とブックの警告（warning-*）。警告の code は言語によらず同じで、
## メッセージは実行時の言語で書かれます。

warning-unknown-granularity = スケジュールは 1 年度あたり { $width } 列です。1 年度を一つの期間として読みました
warning-calendar-year = 年の列は暦年です（{ $years }）。それぞれ同じ数字の年度（4月〜翌3月）として読みました
warning-unplaced-cell = 表のセル「{ $text }」はどの項目にも読み込んでいません（行か列が、ここで dxplan の分かるものではありません）。除外しました
warning-guessed-label = 行「{ $label }」の見出しは dxplan の知らないものです。セルの内容から{ $what }として読みました
warning-pair-left-out = 見出しと値が並ぶ行の「{ $label }」|「{ $value }」はそこでは読めません（二つ目か、専用の行が必要な項目です）。除外しました
warning-duplicate-row = 一つの施策の表に二つ目の「{ $label }」の行（{ $what }）があります。最初の行を使い、この行は除外しました
warning-unknown-label = 行見出し「{ $label }」は dxplan の知らないものです。この行は除外しました: { $texts }
warning-unplaced-row = 表の行を認識できず、除外しました: { $texts }
warning-no-years = 表に年度の見出し（R4、令和5年度 など）がないため、{ $what }を置けません。除外しました
warning-list-no-name = 一覧の行に事業名（取組名・事業名）がなく、除外しました: { $texts }
warning-unplaced-value = 「{ $raw }」も列の見出しも年度を示していません（現状値（R6）、目標値（R8）、「R8: 60」のように書きます）。除外しました
warning-orphan-row = 「{ $label }」（{ $field }）の行がどの施策の表にも入っていません（上に事業名の行がありません。前のページから続く表など）。除外しました
warning-no-heading = 「{ $name }」に施策番号（施策1、取組 1-(2)、No.2 など）が見つかりません。並び順で番号を付けました
warning-duplicate-id = 施策番号 { $id } が二度出てきます
warning-schedule-word = スケジュールのセルに印ではなく「{ $word }」とあります。予定には数えません
warning-cell-error = セル { $cell } は空欄にしました: セルがエラー { $error } を表示しています
warning-date-out-of-range = セル { $cell } は空欄にしました: 日付のシリアル値 { $serial } が範囲外です
warning-overlapping-merge = { $cell } の結合セルが別の結合セルと重なっているため、無視しました
warning-covered-cell-text = セル { $cell } は結合セルの下に隠れています。その文字「{ $text }」は除外しました
warning-xobject-cycle = ページの描画部品（フォーム XObject）が自分自身を描いています。繰り返しは飛ばしました
warning-unreadable-content = ページの内容の一部が壊れていたため、飛ばしました
warning-unplaced-mark = 表の上の図形（({ $x0 }, { $y0 })–({ $x1 }, { $y1 }) pt）はどのセルにも幅の半分以上かかっていません。スケジュールの印としては読みません
warning-image-page = { $page } ページ目は文字のない画像です（スキャンしたページ？）。このページは読み取っていません。目で確かめるか、OCR をかけた PDF を作ってください
warning-unmapped-glyphs = フォント { $font } のグリフ { $count } 個は文字に戻せないため、除外しました
warning-replaced-character = 機種依存文字「{ $character }」（{ $code }）を { $field } で「{ $replacement }」に置き換えました
warning-replaced-character-of = 機種依存文字「{ $character }」（{ $code }）を { $owner } の { $field } で「{ $replacement }」に置き換えました
warning-csv-not-written = { $file } は書き出していません: { $reason }

## 警告の中の言葉（word-*）: 行を何として読んだか、施策の項目

word-guessed-name = 事業名（カードの最初の行）
word-guessed-schedule = スケジュール（期間の列の下の印や言葉）
word-guessed-cost = 事業費（単位の付いた金額）
word-guessed-indicator = 指標（目標・実績の横の数値）
word-name = 事業名
word-description = 内容
word-effect = 効果
word-challenges = 現状と課題
word-qualitative-evaluation = 定性的評価
word-review = 振り返り
word-departments = 担当部署
word-cost = 事業費
word-indicator = 指標
word-indicator-target = 指標の目標値
word-indicator-actual = 指標の実績値
word-schedule-marks = スケジュールの印
word-schedule = スケジュール
word-target = 目標値
word-actual = 実績値
word-current = 現状値
word-qualitative = 定性的評価
word-number = 番号
word-policy = 基本方針
word-activity = 取組

## エラーの中の言葉: ファイルの中身が何に見えるか、注記

error-unsupported-note = { $ext }（{ $note }）
looks-like-html = HTML のウェブページ
looks-like-pdf = PDF
looks-like-zip = ZIP 圧縮ファイル
looks-like-old-office = 古い形式の Office 文書
looks-like-image = 画像
looks-like-text = テキスト
looks-like-binary = 判別できないデータ
note-no-extension = （拡張子なし）
note-not-a-spreadsheet = 表計算のファイルではありません
note-json-converted = JSON の計画は変換済みです
note-inspect-pdf-only = inspect で描けるのは PDF のページだけです

## dxplan publish: CKAN への公開（portal-*）

portal-ca-cert = CA 証明書のファイル { $file } を読めません: { $detail }
portal-unreachable = { $url } の CKAN に接続できません: { $detail }
portal-token-missing = API トークンがありません。環境変数 CKAN_API_TOKEN に設定してください
portal-token-refused = CKAN が API トークンを受け付けませんでした: { $message }
portal-organization-missing = 組織 { $organization } が CKAN にありません。CKAN の管理者に作成を依頼するか、--organization の名前を確かめてください
portal-other-owner = データセット { $dataset } は別の組織（{ $owner }）のものです
portal-validation = CKAN が { $what } の内容を受け付けませんでした: { $message }
portal-too-large = { $file } は大きすぎて CKAN が受け付けませんでした（{ $size } バイト）: { $message }
portal-server = CKAN がエラーを返しました（{ $action } に HTTP { $status }）: { $message }
portal-bad-answer = { $action } への CKAN の応答を読めません: { $detail }
portal-unpublishable = この計画は公開できません: { $reason }
portal-render = 公開用のファイルを作れません: { $reason }
portal-no-code = 計画から団体コードが読み取れません
portal-no-edition = 計画から改訂年月・策定年月が読み取れません
portal-step-created = 作成しました: { $what }
portal-step-would-create = 作成します: { $what }
portal-step-updated = 更新しました: { $what }
portal-step-would-update = 更新します: { $what }
portal-step-kept = 以前の版を保存しました: { $what }
portal-step-would-keep = 以前の版を保存します: { $what }
portal-step-unchanged = 変更なし: { $what }
portal-step-file = { $step }（{ $file }）
portal-outcome-unchanged = { $dataset }（{ $edition }版）: 変更なし。同じファイルが公開済みのため何もアップロードしませんでした: { $url }
portal-outcome-dry-run = { $dataset }（{ $edition }版）: { $count } 件のファイルをアップロードします（試行のみ、CKAN は変更していません）: { $url }
portal-outcome-uploaded = { $dataset }（{ $edition }版）: { $count } 件のファイルをアップロードしました: { $url }

## dxplan validate: スキーマに合わない箇所（schema-*）。パス・項目名・JSON の値はそのまま

schema-problem-at = { $path }: { $problem }
schema-not-json = JSON ではありません（{ $detail }）
schema-required = 必須の項目 { $property } がありません
schema-type = { $value } の型が違います（{ $types } にしてください）
schema-enum = { $value } は使えない値です（{ $options } のいずれか）
schema-const = { $value } は { $expected } でなければなりません
schema-additional = ここでは使えない項目があります: { $properties }
schema-pattern = { $value } は決められた形（{ $pattern }）に合いません
schema-format = { $value } は { $format } の形式ではありません
schema-min-length = { $value } が短すぎます（{ $limit } 文字以上）
schema-max-length = { $value } が長すぎます（{ $limit } 文字以下）
schema-min-items = 要素が少なすぎます（{ $limit } 個以上）
schema-max-items = 要素が多すぎます（{ $limit } 個以下）
schema-minimum = { $value } が小さすぎます（下限 { $limit }）
schema-maximum = { $value } が大きすぎます（上限 { $limit }）
schema-no-alternative = { $value } は許される形のどれにも合いません
schema-several-alternatives = { $value } は許される形の二つ以上に合います
schema-not-allowed = ここには値を置けません
schema-unique = 同じ要素が重なっています
schema-other = スキーマに合いません（{ $detail }）

## dxplan report（report-*）。日本語の報告書は英語を含みません

report-title = 進捗レポート: { $title }
report-as-of = { $date }時点（この版の日付）: { $year }までの年度が終わっているため、その年度までに計画された期間は実施済みであるべきものとして数えます。元のファイル: { $file }
report-no-date = この版には日付がないため、実施済みの予定として数えたものはありません。元のファイル: { $file }
report-month = { $year }{ $month }月
report-summary = 概要
report-col-measures = 施策
report-col-targets-met = 目標達成
report-col-cost-year = 事業費 { $year }（千円）
report-status-on-schedule = 計画どおり
report-status-ahead = 前倒し
report-status-behind = 遅れ
report-status-not-reported = 実績未報告
report-heading-on-schedule = 計画どおり
report-heading-ahead = 前倒し
report-heading-behind = 遅れ
report-heading-not-reported = 実績未報告
report-badge-on-schedule = 計画どおり
report-badge-ahead = 前倒し
report-badge-behind = 遅れ
report-badge-not-reported = 実績未報告
report-html-on-schedule = 計画どおり
report-html-ahead = 前倒し
report-html-behind = 遅れ
report-html-not-reported = 実績未報告
report-html-targets-met = 目標達成
report-html-cost-year = 事業費<br>{ $year }<br>（千円）
report-verdict-met = 達成
report-verdict-not-met = 未達成
report-verdict-no-actual = 実績なし
report-verdict-pending = 未到来
report-verdict-no-target = —
report-unit = （{ $unit }）
report-md-targets = 目標と実績: { $indicator }
report-md-schedule = スケジュール:
report-md-cost = 事業費:
report-col-year = 年度
report-col-target = 目標値
report-col-actual = 実績値
report-col-rate = 達成率
report-col-verdict = 判定
report-col-activity = 取組
report-col-plan = 計画
report-col-done = 実績
report-col-missing = 未実施
report-col-early = 前倒し
report-col-status = 状況
report-as-printed = 記載
report-thousand-yen = 千円
report-row-target = 目標値
report-row-actual = 実績値
report-row-rate = 達成率
report-cost = 事業費
report-legend = 工程表:{ $plan }計画{ $actual }実績{ $missing }遅れ（未実施）{ $early }前倒し — 目標と実績:{ $target }目標{ $result }実績
report-svg-gantt = 工程表 { $id }
report-svg-targets = 目標と実績 { $id }
report-run = { $first }〜{ $last }
report-list-separator = 、
report-half-first = 上期
report-half-second = 下期
report-quarter = 第{ $n }四半期
report-month-of-year = { $month }月
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
report-xlsx-cost-year = 事業費 { $year }（円）
note-font = { $resource }（{ $why }）
note-font-without-name = 名前のないフォント
note-font-missing = フォントのオブジェクトがないか壊れています
portal-redirected = { $action } への CKAN の応答を読めません: CKAN が { $to } へ転送しました。--ckan にはサイトのアドレスを指定してください
portal-redirected-somewhere = { $action } への CKAN の応答を読めません: CKAN が別のアドレスへ転送しました。--ckan にはサイトのアドレスを指定してください
portal-no-certificate = CA 証明書のファイル { $file } を読めません: 証明書（-----BEGIN CERTIFICATE-----）がありません
portal-download-failed = CKAN からファイルをダウンロードできませんでした（GET { $url } に HTTP { $status }）

## 上限を超えたもの（limit-what-*）

limit-what-unpacked-workbook = 展開したブック（{ $bytes } バイト）
limit-what-workbook-part = ブックの部品 { $part }（展開後 { $bytes } バイト）
limit-what-packing-ratio = ブックの部品 { $part } の圧縮率（{ $packed } バイトが { $bytes } バイトに展開されます）
limit-what-sheet = シート「{ $sheet }」（{ $rows } 行 × { $cols } 列 = { $cells } セル）
limit-what-file-size = ファイルの大きさ（{ $bytes } バイト）
limit-what-pdf-stream = PDF の中の展開したストリーム
limit-what-pdf-content = PDF の展開した内容
limit-what-pages = ページ数
limit-what-page-marks = { $page } ページ目の文字・線・塗りの数
limit-what-xobject-nesting = { $page } ページ目のフォーム XObject の入れ子
limit-what-page-grid = { $page } ページ目の格子（{ $rows } × { $cols } セル）
limit-what-table = { $cells } セルの表
web-error-host = このホスト名では開けません。アクセストークンなしの dxplan serve は、このコンピューター（localhost）からのみ開けます
web-error-cross-site = 他のサイトからの送信は受け付けません。dxplan のページからファイルを送ってください
