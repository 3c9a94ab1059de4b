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
web-code-stale_correction = 適用できなかった確認修正
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
error-review-invalid = 確認ファイル（review.json）として読めません: { $detail }
error-review-changed = 確認ファイルは開いた後に他の人が保存しています。保存しませんでした。開き直してから変更をやり直してください
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

## dxplan serve --archive: 確認ページ（web-review-*、web-archive-*、スクリプト用は web-js-review-*）

serve-archive = 確認するフォルダ: { $dir }（確認ファイルはこのフォルダの中の計画の隣にだけ保存します）
web-archive-heading = 確認する計画
web-archive-intro = フォルダの中の計画です。開いて読み取り結果を原本と見比べ、誤りを直して承認してください。修正は計画の隣の確認ファイル（.review.json）に保存され、再変換しても残ります。
web-archive-loading = 読み込み中…
web-archive-col-plan = ファイル
web-archive-col-title = 計画名
web-archive-col-status = 状態
web-archive-col-warnings = 残りの警告
web-archive-col-corrections = 修正
web-archive-col-approved = 承認
web-review-title = 計画の確認
web-review-back = 一覧に戻る
web-review-open = 確認・修正
web-review-unsaved = 保存していない変更があります
web-review-saved = 保存しました。
web-review-save = 保存
web-review-download = 確認ファイルをダウンロード
web-review-upload = 確認ファイルを読み込む
web-review-by = 確認者
web-review-at = 日付
web-review-approve = 承認
web-review-unapprove = 承認を取り消す
web-review-warnings = 警告
web-review-add-heading = 読み取られなかった施策を追加
web-review-note = 理由
web-review-add = 追加
web-review-source = 読み取り位置
web-review-source-intro = 値の「位置」を押すと、読み取った場所を表示します。
web-review-no-archive = このサーバーは確認用のフォルダ（--archive）なしで動いています。
web-review-refused-path = そのファイルは確認するフォルダの中の計画ではありません。
web-review-invalid = 確認の内容が正しくありません: { $detail }
web-review-conflict = 保存できませんでした。この計画の確認は、開いた後に他の人が保存しています。あなたの変更はこのページに残っています（保存されていません）。ページを開き直して最新の確認を読み込み、変更をやり直してください。
web-js-review-not-json = %file% は確認ファイル（JSON）として読めません。
web-js-review-source-alt = 読み取ったページ（%at% を赤枠で表示）
web-js-review-no-source = この位置は表示できません。
web-js-review-show-source = 位置
web-js-review-status-unreviewed = 未確認
web-js-review-status-in-review = 確認中
web-js-review-status-approved = 承認済み
web-js-review-approved-by = 承認済み（%by%、%at%）
web-js-review-no-warnings = 警告はありません。
web-js-review-dismissed = 確認済み: %note%
web-js-review-undismiss = 元に戻す
web-js-review-note-placeholder = 理由・メモ
web-js-review-resolve = 解決した
web-js-review-resolved-note = 修正済み
web-js-review-dismiss = 問題なしとして閉じる
web-js-review-corrected = 確認で修正した値
web-js-review-added = 確認で追加
web-js-review-remove-measure = この施策を削除
web-js-review-remove-why = 削除する理由（計画の施策ではない、など）
web-js-review-field-name = 事業名
web-js-review-field-description = 内容
web-js-review-field-effect = 効果
web-js-review-field-challenges = 現状と課題
web-js-review-field-qualitative_evaluation = 定性評価
web-js-review-field-review = 見直し・改善
web-js-review-field-departments = 担当部署（「、」で区切る）
web-js-review-field-activity = 取り組み
web-js-review-schedule = スケジュール
web-js-review-plan = 計画
web-js-review-actual = 実績
web-js-review-target = 目標
web-js-review-indicator = 指標
web-js-review-cost = 事業費
web-js-review-zero-budget = ゼロ予算
web-js-review-fiscal-year = %year%年度
web-js-archive-open = 開く
web-js-archive-none = このフォルダに計画はありません。
web-js-review-add-activity = 取り組みを追加
web-js-review-add-indicator = 指標を追加
web-review-plan-heading = 計画の基本情報
web-js-review-field-plan-title = 計画名
web-js-review-field-plan-issued = 策定
web-js-review-field-plan-revised = 改訂
web-js-review-field-plan-municipality-prefecture = 都道府県
web-js-review-field-plan-municipality-name = 市区町村
web-js-review-field-plan-municipality-code = 団体コード
web-js-review-removed = 削除した施策: %id% %name%
web-js-review-restore = 元に戻す
web-js-archive-approval-lapsed = （ファイルが変わったか、修正が合わなくなっています。確認し直してください）

publish-not-approved = { $file }: 公開しません: { $reason }
publish-no-review = 確認ファイル { $review } がありません
publish-review-not-approved = { $review } で承認されていません
publish-review-other-source = { $review } は別の版のファイルを承認したものです。確認し直してください
publish-review-stale = { $review } で承認されていますが、修正 { $count } 件がファイルの内容と合わなくなっています。確認し直してください
publish-none-approved = 確認ファイルで承認された計画がありません。何も公開しませんでした
