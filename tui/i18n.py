"""Every string the interface shows, in English and Japanese: one catalogue, one lookup.

Widgets and screens ask `t(key, language)`; nothing outside this module picks a language with
`… if ja else …`. Content (lessons, quotes, glossary) is not here: it carries its own `Text`.
Placeholders use `str.format` names, and a test checks both languages have the same ones.
"""

from __future__ import annotations

from tui.content.language import Language, single

STRINGS: dict[str, tuple[str, str]] = {
    # -- app and notices -----------------------------------------------------------------
    "app.title": ("stemcell-explainer", "幹細胞上清液・エクソソーム解説"),
    "notice.saved_state": ("Saved state", "保存データ"),
    "notice.not_saving": ("Not saving", "保存できません"),
    "saved.set_aside": (
        "{name} was unreadable ({why}); it was kept as {kept} and a fresh one started.",
        "{name} を読み込めませんでした({why})。{kept} として残し、新しく始めます。",
    ),
    "saved.not_moved": (
        "{name} is unreadable ({why}) and could not be moved aside; starting fresh.",
        "{name} を読み込めず({why})、別名にもできませんでした。新しく始めます。",
    ),
    "saved.not_read": (
        "{name} could not be read ({why}); starting fresh.",
        "{name} を読めませんでした({why})。新しく始めます。",
    ),
    "why.empty": ("empty file", "空のファイル"),
    "why.not_utf8": ("not UTF-8 text", "UTF-8 のテキストではありません"),
    "why.bad_json": ("invalid JSON at line {line}", "{line} 行目が JSON として不正"),
    "why.too_deep": ("nested too deeply", "入れ子が深すぎます"),
    "why.unreadable_json": ("unreadable JSON", "読めない JSON"),
    "why.unexpected": ("unexpected contents or schema version", "想定外の内容またはスキーマ版"),
    "notice.cant_save": (
        "Progress can't be saved ({reason}); the app keeps running without saving.",
        "進行状況を保存できません({reason})。保存せずに続けます。",
    ),
    "notice.no_terms": ("No glossary terms in this step.", "このステップには用語集の用語がありません。"),
    "notice.link_refused": (
        "Not opened: only https:// links can be opened ({href}).",
        "開きませんでした。開けるのは https:// のリンクだけです({href})。",
    ),
    "confirm.open_link": (
        "Open this link in your browser?\n\n{href}",
        "このリンクをブラウザで開きますか?\n\n{href}",
    ),
    "confirm.open": ("Open (y)", "開く (y)"),
    "confirm.cancel": ("Cancel (n)", "キャンセル (n)"),
    # -- key descriptions (footer and help) ------------------------------------------------
    "key.next": ("Next", "次へ"),
    "key.back": ("Back", "戻る"),
    "key.next_lesson": ("Next lesson", "次のレッスン"),
    "key.previous_lesson": ("Previous lesson", "前のレッスン"),
    "key.glossary": ("Glossary", "用語集"),
    "key.quotes": ("Quotes", "引用"),  # opens or closes them; short: the classroom footer fits 80
    "key.sources": ("Sources", "出典"),
    "key.language": ("Language", "言語"),
    "key.next_term": ("Next term in step", "ステップ内の次の用語"),
    "key.outline": ("Outline", "目次"),
    "key.back_to_step": ("Hide", "閉じる"),  # the glossary or outline; "Back" is the previous step
    "key.quiz": ("Quiz", "小テスト"),
    "key.help": ("Help", "ヘルプ"),
    "key.quit": ("Quit", "終了"),
    "key.search": ("Search", "検索"),
    "key.close": ("Close", "閉じる"),
    "key.yes": ("Yes", "はい"),
    "key.no": ("No", "いいえ"),
    "key.back_to_quiz": ("Back to quiz", "小テストへ"),
    "key.next_item": ("Next item", "次の項目"),
    "key.previous_item": ("Previous item", "前の項目"),
    "key.related": ("Related term {n}", "関連用語 {n}"),
    "key.class_quiz": ("Class quiz", "クラス小テスト"),
    "key.reveal": ("Reveal answer", "答えを表示"),
    "key.next_question": ("Next question", "次の問題"),
    "key.previous_question": ("Previous", "前の問題"),
    "key.back_to_slides": ("Back to slides", "スライドに戻る"),
    "key.teach": ("Teaching step", "該当ステップ"),
    "key.end_quiz": ("End quiz", "小テストを終了"),
    # Short: the quiz home's footer holds all six keys at 80 columns.
    "key.mistakes": ("Mistakes", "誤答を復習"),
    "key.due": ("Due", "復習予定"),
    "key.new_quiz": ("New quiz", "新しい小テスト"),
    "key.walkthrough": ("Walkthrough", "解説へ"),
    "key.option": ("Option {letter}", "選択肢 {letter}"),
    "key.submit": ("Submit", "回答"),
    "key.myth": ("Myth", "誤り"),
    "key.fact": ("Fact", "事実"),
    "key.up": ("Up", "上へ"),
    "key.down": ("Down", "下へ"),
    "key.move_up": ("Raise", "上げる"),  # moves the line; "Up"/"Down" move the cursor
    "key.move_down": ("Lower", "下げる"),
    "key.clear_pair": ("Clear pair", "組を解除"),
    # -- walkthrough ---------------------------------------------------------------------
    "lesson": ("Lesson", "レッスン"),
    "step": ("Step", "ステップ"),
    "course": ("Course", "全体"),
    "read_count": ("{done}/{total} read ({percent}%)", "{done}/{total} 読了 ({percent}%)"),
    "sources": ("Sources", "出典"),
    "glossary": ("Glossary", "用語集"),
    # Fits the 21 cells an input has in the 28-column sidebar at 120 columns.
    "filter": ("Filter: ja/reading/en", "漢字/よみ/英語で絞込"),
    "filter.none": (
        "No term matches “{query}”. Press enter here to clear the filter.",
        "「{query}」に一致する用語はありません。ここで Enter を押すと絞り込みを解除します。",
    ),
    "in_step": ("In this step", "このステップの用語"),
    "all_terms": ("All terms", "すべての用語"),
    "related": ("Related", "関連用語"),
    "reading": ("reading", "よみ"),
    "cited": ("Cited", "出典"),
    "no_publisher": ("(names no clinic)", "(クリニック名の記載なし)"),
    "untitled": ("(untitled)", "(タイトルなし)"),
    "disputed": ("Discussed in “Where the articles disagree”", "「記事どうしの食い違い」で扱っています"),
    "why_conflict": ("Why they can't all be right", "両立しない理由"),
    "strip_hint": ("enter: quotes", "Enter: 引用を表示"),
    "select_hint": (
        "Select an item (↑/↓ or click) to see its sources.",
        "項目を選ぶ(↑/↓ またはクリック)と出典が表示されます。",
    ),
    "sic": ("[sic]", "[原文ママ]"),
    "intended": ("presumably meant", "本来は"),
    "strength": ("strength", "表現の強さ"),
    # -- end of the course ------------------------------------------------------------------
    "done.title": ("End of the course", "コースの最後まで来ました"),
    "done.read": (
        "You have read {done} of {total} steps ({percent}%).",
        "{total} ステップ中 {done} ステップを読みました({percent}%)。",
    ),
    "done.unread": (
        "Not read yet: {steps}. Open them from the outline (o).",
        "未読: {steps}。目次(o)から開けます。",
    ),
    "done.all_read": ("You have read every step.", "すべてのステップを読みました。"),
    "done.next": ("What next", "次にすること"),
    "done.keys": (
        "x: quiz this lesson · d: due reviews · m: review my mistakes · esc: back to the course",
        "x: このレッスンの小テスト · d: 復習予定 · m: 誤答を復習 · esc: コースに戻る",
    ),
    # -- help -----------------------------------------------------------------------------
    "help.keys": ("Keys", "キー操作"),
    "help.theme": (
        "then type “theme”: change the colour theme (your choice is kept)",
        "続けて「テーマ」と入力: 配色テーマを変更(選んだテーマは保存されます)",
    ),
    "system.theme.title": ("Theme", "テーマ"),
    "system.theme.help": (
        "Change the colour theme (your choice is kept)",
        "配色テーマを変更(選んだテーマは保存されます)",
    ),
    "system.quit.title": ("Quit", "終了"),
    "system.quit.help": ("Quit the app (your place is kept)", "アプリを終了(現在の位置は保存されます)"),
    "system.keys.title": ("Keys", "キー一覧"),
    "system.keys.help": (
        "Show or hide the keys of the focused part",
        "フォーカス中の部分のキー一覧を表示・非表示",
    ),
    "system.screenshot.title": ("Screenshot", "スクリーンショット"),
    "system.screenshot.help": ("Save an SVG picture of the screen", "画面を SVG 画像として保存"),
    "system.maximize.title": ("Maximize", "最大化"),
    "system.maximize.help": ("Maximize the focused part", "フォーカス中の部分を最大化"),
    "system.minimize.title": ("Minimize", "元に戻す"),
    "system.minimize.help": ("Restore the normal layout", "通常のレイアウトに戻す"),
    "help.badges": ("Strength badges", "表現の強さのラベル"),
    "help.about": (
        "Every item cites a verbatim quote from one of five clinic articles. They are marketing "
        "material: the badges say how strongly each article puts a claim, not whether it is true.",
        "すべての項目は、5つのクリニック記事のいずれかからの原文どおりの引用を出典としています。"
        "記事は宣伝を目的としたものです。ラベルは各記事が主張をどれだけ強く述べているかを示すもので、"
        "その主張が正しいかどうかを示すものではありません。",
    ),
    "help.close": ("Press esc or ? to close.", "esc または ? で閉じます。"),
    # -- strength badges --------------------------------------------------------------------
    "strength.stated": ("stated", "断定"),
    "strength.expected": ("expected", "期待"),
    "strength.reported": ("reported", "報告"),
    "strength.promotional": ("promotional", "宣伝"),
    "strength_help.stated": ("asserted as fact", "事実として断定"),
    "strength_help.expected": ("hedged: 期待されています / may", "「期待されています」などの控えめな表現"),
    "strength_help.reported": ("attributed to research or a report", "研究や報告を根拠として提示"),
    "strength_help.promotional": ("the clinic's sales claim or an overclaim", "クリニックの宣伝・誇張"),
    # -- quiz -------------------------------------------------------------------------------
    "quiz.title": ("Quiz", "小テスト"),
    "quiz.kind.new": ("whole course", "コース全体"),
    "quiz.kind.lesson": ("{lesson}", "{lesson}"),
    "quiz.kind.due": ("due", "復習予定"),
    "quiz.kind.mistakes": ("review my mistakes", "誤答の復習"),
    "quiz.none.new": ("No questions to ask.", "出題できる問題がありません。"),
    "quiz.none.due": ("No questions due.", "復習予定の問題はありません。"),
    "quiz.none.mistakes": ("No questions answered wrong last time.", "前回まちがえた問題はありません。"),
    "quiz.cant_save": (
        "Answers can't be saved ({reason}); the quiz goes on without saving.",
        "回答を保存できません({reason})。保存せずに続けます。",
    ),
    "quiz.history": ("Review history", "復習履歴"),
    "quiz.question": ("Question", "問題"),
    "qtype.single": ("Single choice", "単一選択"),
    "qtype.multiple": ("Multiple answer", "複数選択"),
    "qtype.myth_fact": ("Myth or fact", "正誤"),
    "qtype.order": ("Put in order", "並べ替え"),
    "qtype.match": ("Match pairs", "組み合わせ"),
    "qtype.recall": ("Term recall", "用語の想起"),
    "quiz.hint.multiple": (
        "Select all that apply: 1–{last} or a–{letter} toggle, enter submits.",
        "当てはまるものをすべて選択:1〜{last} または a〜{letter} で切り替え、Enter で回答。",
    ),
    "quiz.hint.single": ("Press 1–{last} or a–{letter} to answer.", "1〜{last} または a〜{letter} で回答。"),
    "quiz.hint.myth_fact": ("Press m or f to answer.", "m または f で回答。"),
    "quiz.hint.order": (
        "↑/↓ choose · shift+↑/↓ or u/d move · enter submits",
        "↑/↓ で選択 · shift+↑/↓ または u/d で移動 · Enter で回答",
    ),
    "quiz.hint.match": (
        "1–{last} choose a left item, a–{letter} give its partner · backspace clears · enter submits",
        "1〜{last} で左を選び a〜{letter} で相手を選択 · Backspace で解除 · Enter で回答",
    ),
    "quiz.hint.recall": ("Type the term: Japanese, its reading or English", "用語を入力(日本語・よみ・英語)"),
    "verdict.myth": ("Myth", "誤り(俗説)"),
    "verdict.fact": ("Fact", "正しい(事実)"),
    "answer.none": ("(no answer)", "(未回答)"),
    "feedback.correct": ("✔ Correct", "✔ 正解"),
    "feedback.wrong": ("✘ Not quite", "✘ 不正解"),
    "feedback.partial": ("partly right", "部分的に正解"),
    "feedback.yours": ("Your answer", "あなたの回答"),
    "feedback.right": ("Correct answer", "正しい答え"),
    "feedback.why": ("Why", "解説"),
    "feedback.why_wrong": ("Why {x} is wrong", "{x} が誤りである理由"),
    "feedback.missed": ("Also correct (not chosen)", "選ばれなかった正解"),
    "feedback.source": ("Source", "出典"),
    "feedback.keys": (
        "enter/n: next question · w: see the teaching step · l: language · q: quit",
        "Enter/n:次の問題 · w:該当ステップを見る · l:言語 · q:終了",
    ),
    "home.session": ("This session", "今回の結果"),
    "home.mastery": ("Mastery by lesson", "習熟度(レッスン別)"),
    "home.mastery_legend": (
        "bar: questions whose latest answer is right · ▁▃▅█: mastery at the end of each day",
        "棒: 最新の回答が正解の問題 · ▁▃▅█: 日ごとの習熟度の推移",
    ),
    "home.due": ("Due now: ", "復習予定: "),
    "home.streak": ("Streak: ", "連続日数: "),
    "home.days": ("{n} day(s)", "{n}日"),
    "home.mistakes": ("Last answered wrong: ", "前回の誤答: "),
    "home.answers": ("Answers: ", "回答数: "),
    # -- palette ----------------------------------------------------------------------------
    "palette.quiz.new": ("Quiz: this lesson", "小テスト:このレッスン"),
    "palette.quiz.mistakes": ("Quiz: review my mistakes", "小テスト:誤答の復習"),
    "palette.quiz.due": ("Quiz: due questions", "小テスト:復習予定の問題"),
    "palette.placeholder": ("Search the course, or type a command…", "コースを検索、またはコマンドを入力…"),
    "palette.themes": ("Search for themes…", "テーマを検索…"),
    "palette.no_matches": ("No matches found", "見つかりませんでした"),
    "palette.lesson": ("lesson", "レッスン"),
    "palette.step": ("step · {lesson}", "ステップ · {lesson}"),
    "palette.term": ("glossary term", "用語"),
    "palette.quiz": ("quiz", "小テスト"),
    # -- classroom --------------------------------------------------------------------------
    "class.next_step": ("Next step: ", "次のステップ: "),
    "class.end": ("(end of the course)", "(コースの最後)"),
    "class.no_notes": ("(no teacher notes for this step)", "(このステップの講師メモはありません)"),
    "class.status.connected": ("following the presenter", "発表者に追従中"),
    "class.status.waiting": (
        "waiting for a presenter on port {port}",
        "ポート {port} で発表者を待っています",
    ),
    "class.status.lost": ("the presenter has ended the session", "発表者がセッションを終了しました"),
    "class.status.refused": (
        "wrong join code: ask the presenter",
        "参加コードが違います。発表者に確認してください",
    ),
    "class.ended": ("The presenter has ended the session.", "発表者がセッションを終了しました。"),
    "class.title": ("Classroom", "教室"),
    "class.presenting": (
        "Presenting on 127.0.0.1:{port}, join code {code}. Projector: "
        "'stemcell-explainer classroom --follow --port {port} --join {code}'.",
        "127.0.0.1:{port} で発表中、参加コード {code}。投影用: "
        "'stemcell-explainer classroom --follow --port {port} --join {code}'",
    ),
    "class.port_busy": (
        "Followers can't connect: port {port} on 127.0.0.1 is unavailable ({reason}).",
        "フォロワーが接続できません。127.0.0.1 のポート {port} は使用できません({reason})。",
    ),
    "class.bad_message": (
        "Ignored {n} message(s) from the presenter's port that were not valid.",
        "発表者のポートから届いた無効なメッセージ {n} 件を無視しました。",
    ),
    "class.no_quiz": (
        "This lesson has no class-quiz questions.",
        "このレッスンにはクラス小テストの問題がありません。",
    ),
    "class.last_question": (
        "That was the last question: esc goes back to the slides.",
        "最後の問題です。esc でスライドに戻ります。",
    ),
    "class.first_question": ("This is the first question.", "最初の問題です。"),
    "class.quiz_number": ("Class quiz {n}/{total}", "クラス小テスト {n}/{total}"),
    "class.myth": ("Myth", "誤り"),
    "class.fact": ("Fact", "事実"),
    "class.why": ("Why", "解説"),
    "class.hidden": ("(answer hidden — press space to reveal)", "(答えは非表示。space で表示)"),
    "class.hidden_audience": ("(answer hidden)", "(答えは非表示)"),
    "class.code": ("join code {code}", "参加コード {code}"),
    # -- handouts (a "both" handout shows headings in both languages) -----------------------
    "handout.lesson": ("Lesson", "レッスン"),
    "handout.glossary": ("Glossary", "用語集"),
    "handout.sources": ("Sources", "出典一覧"),
    "handout.notes": ("Citations", "引用"),
    "handout.why": ("Why they can't all be right", "両立しない理由"),
    "handout.key": ("Answer key", "解答集"),
    "handout.answer": ("Answer", "答え"),
    "handout.explanation": ("Explanation", "解説"),
    "handout.wrong": ("Why the other options are wrong", "他の選択肢が誤りである理由"),
    "handout.publisher_none": ("names no clinic", "クリニック名の記載なし"),
    "handout.intro": (
        "Every statement below reports what one of five Japanese clinic articles says, with "
        "the strength of its wording in brackets and a numbered citation quoting the article. "
        "The articles are marketing material; a citation shows who says it, not that it is true.",
        "以下の記述はすべて、日本の美容クリニックの記事5本のいずれかが述べている内容です。"
        "[ ] 内は表現の強さ、番号は記事からの引用を示します。記事は宣伝を目的としたもので、"
        "引用は「誰がそう言っているか」を示すものであり、内容が正しいことを意味しません。",
    ),
    "handout.definition": ("definition", "定義"),
    # -- quiz: grading, schedule, store, anki ------------------------------------------------
    "rate.1": ("Again", "もう一度"),
    "rate.2": ("Hard", "難しい"),
    "rate.3": ("Good", "正解"),
    "rate.4": ("Easy", "簡単"),
    "key.rate.1": ("Rate: Again", "評価: もう一度"),
    "key.rate.2": ("Rate: Hard", "評価: 難しい"),
    "key.rate.3": ("Rate: Good", "評価: 正解"),
    "key.rate.4": ("Rate: Easy", "評価: 簡単"),
    "feedback.rate": ("How well did you recall it?", "どのくらい思い出せましたか?"),
    "feedback.always_again": (
        "A wrong answer is rated Again, so it comes back soon.",
        "不正解は「もう一度」と評価され、すぐにまた出題されます。",
    ),
    "feedback.next_review": ("Next review in {when}", "{when}後に復習"),
    "feedback.close": ("close: the exact spelling is {form}", "惜しい: 正しくは {form}"),
    "feedback.pair_marks": ("Your pairs", "あなたの組み合わせ"),
    "feedback.keys_rated": (
        "1–4: rate your recall · enter/n: next question (rated {rating}) · w: see the teaching step "
        "· l: language · q: quit",
        "1〜4:思い出しやすさを評価 · Enter/n:次の問題(評価: {rating}) · w:該当ステップを見る "
        "· l:言語 · q:終了",
    ),
    "feedback.not_saved": (
        "Not saved yet: {n} answer(s) are kept in memory and retried with the next answer.",
        "未保存: {n} 件の回答をメモリに保持し、次の回答時に再保存を試みます。",
    ),
    "due.minutes": ("{n} min", "{n}分"),
    "due.hours": ("{n} h", "{n}時間"),
    "due.day": ("{n} day", "{n}日"),
    "due.days": ("{n} days", "{n}日"),
    "home.forecast": ("Reviews due in the next 7 days", "今後7日間の復習予定"),
    "home.today": ("today", "今日"),
    "home.in_days": ("+{n}d", "{n}日後"),
    "home.retention": ("Retention: ", "定着率: "),
    "home.retention_value": (
        "{share} of {n} review(s) of cards seen before",
        "既出カードの復習 {n} 回のうち {share}",
    ),
    "home.retention_none": ("— (no reviews of cards seen before yet)", "—(既出カードの復習はまだありません)"),
    "home.keys_rated": (
        "m: review my mistakes · d: due questions · enter: 10 new questions · w: walkthrough · q: quit "
        "· after an answer, 1–4 rate your recall (Again, Hard, Good, Easy)",
        "m: 誤答を復習 · d: 復習予定 · enter: 新しい10問 · w: 学習に戻る · q: 終了 "
        "· 回答後は 1〜4 で思い出しやすさを評価(もう一度・難しい・正解・簡単)",
    ),
    "store.title": ("Saved answers", "回答の保存"),
    "store.imported": (
        "Your {n} earlier answer(s) were moved from {old} into the answer database {db}; "
        "the old file was kept as {kept}.",
        "以前の回答 {n} 件を {old} から回答データベース {db} に移しました。"
        "元のファイルは {kept} として残してあります。",
    ),
    "store.import_refused": (
        "{old} was not imported ({why}); it was left as it is.",
        "{old} は取り込みませんでした({why})。そのまま残してあります。",
    ),
    "store.import_skipped": (
        "{n} unreadable line(s) in {old} could not be imported.",
        "{old} の読めない {n} 行は取り込めませんでした。",
    ),
    "store.set_aside": (
        "{name} could not be used ({why}); it was kept as {kept} and a fresh one started. "
        "{n} answer(s) were recovered from it.",
        "{name} は使えませんでした({why})。{kept} として残し、新しく作り直しました。"
        "そこから {n} 件の回答を復元しました。",
    ),
    "store.newer": (
        "{name} was written by a newer stemcell-explainer ({version}, schema {schema}; this version "
        "reads schema {ours}). Your answers are shown but new ones are not saved: update the app.",
        "{name} は新しいバージョンの stemcell-explainer({version}、スキーマ {schema})で書かれています"
        "(このバージョンはスキーマ {ours} まで)。回答は表示しますが、新しい回答は保存しません。"
        "アプリを更新してください。",
    ),
    "store.not_regular": (
        "{name} is not a regular file (a symlink or special file); it was left alone and answers "
        "are not saved.",
        "{name} は通常のファイルではありません(シンボリックリンクまたは特殊ファイル)。"
        "そのままにして、回答は保存しません。",
    ),
    "store.unavailable": (
        "Answers can't be saved ({reason}); they are kept in memory and saved when possible.",
        "回答を保存できません({reason})。回答はメモリに保持し、保存できるようになったら保存します。",
    ),
    "store.saved_later": (
        "{n} answer(s) that had to wait are now saved.",
        "保存を待っていた {n} 件の回答を保存しました。",
    ),
    "store.quit_unsaved": (
        "{n} answer(s) could not be saved ({reason}). Press q again to quit without them.",
        "{n} 件の回答を保存できませんでした({reason})。保存せずに終了するには、もう一度 q を押してください。",
    ),
    "class.seed": (
        "seed {seed}: export answer-key --seed {seed}",
        "シード {seed}: export answer-key --seed {seed}",
    ),
    # -- class results, serve, handout ------------------------------------------------------
    "name.title": ("Your name", "お名前"),
    "name.why": (
        "Your name is saved on this computer and put on the results you export for your teacher. "
        "Press Enter to save it, or Escape to skip.",
        "お名前はこのコンピューターに保存され、先生に提出する結果のエクスポートに記載されます。"
        "Enter で保存、Escape でスキップします。",
    ),
    "name.placeholder": ("Your name", "お名前"),
    "name.invalid": (
        "A name is 1 to {n} characters of plain text.",
        "名前は1〜{n}文字の普通の文字で入力してください。",
    ),
    "name.skip": ("Skip", "スキップ"),
    "cli.name_invalid": (
        "a learner name is 1 to {n} characters of plain text (no control characters)",
        "名前は制御文字を含まない1〜{n}文字で指定してください",
    ),
    "cli.no_data_dir": (
        "no answers to export: the folder {path} does not exist (check --data-dir)",
        "エクスポートする回答がありません: フォルダ {path} が存在しません(--data-dir を確認してください)",
    ),
    "cli.no_answers": (
        "no answers to export: {path} holds no answer database ({file}); check --data-dir, "
        "or answer some quiz questions first",
        "エクスポートする回答がありません: {path} に回答データベース({file})がありません。"
        "--data-dir を確認するか、先に小テストに回答してください",
    ),
    "cli.no_name": (
        "no learner name is saved: the rows carry an empty name (pass --name NAME so a class "
        "report can tell learners apart)",
        "名前が保存されていないため、各行の名前は空欄です"
        "(クラスのレポートで区別できるよう --name 名前 を指定してください)",
    ),
    "report.title": ("Class report", "クラスの結果"),
    "report.merged": (
        "Merged {answers} answer(s) from {learners} learner(s) in {files} file(s).",
        "{files} 個のファイルから {learners} 人の回答 {answers} 件をまとめました。",
    ),
    "report.duplicates": (
        "{n} repeated row(s) (same learner, question and time) were counted once.",
        "重複した行(同じ学習者・問題・時刻){n} 件は1回として数えました。",
    ),
    "report.unknown": (
        "{n} answer(s) to questions this course no longer has were left out.",
        "このコースにない問題への回答 {n} 件は除外しました。",
    ),
    "report.older": (
        "{n} answer(s) were to an earlier version of a question: they count for % right, "
        "not for the options chosen.",
        "{n} 件は以前の版の問題への回答です。正答率には含めますが、選ばれた選択肢には含めません。",
    ),
    "report.failed": (
        "{n} file(s) could not be read; their answers are not in this report:",
        "{n} 個のファイルを読み込めませんでした。その回答はこのレポートに含まれていません:",
    ),
    "report.how": (
        "How to read it: % right counts every answer, retries included. Mastery is, for each "
        "learner, the share of a lesson's questions whose latest answer is right (unanswered "
        "counts as not right), averaged over all learners. The hardest questions have the lowest "
        "% right (then the most answers).",
        "読み方: 正答率は再挑戦を含むすべての回答で計算します。習熟度は、学習者ごとにレッスンの問題のうち"
        "最新の回答が正解である割合(未回答は不正解扱い)を求め、全学習者で平均したものです。"
        "難しかった問題は正答率の低い順(同率なら回答数の多い順)です。",
    ),
    "report.mastery": ("Mastery by lesson", "レッスン別の習熟度"),
    "report.hardest": ("The five questions the class found hardest", "クラスが最も苦戦した5問"),
    "report.questions": ("Every question", "全問題"),
    "report.files": ("Files merged", "まとめたファイル"),
    "report.rows": ("{n} row(s)", "{n} 行"),
    "report.no_answers": ("No answers yet.", "まだ回答がありません。"),
    "report.option_chosen": ("{option} (chosen {n}×)", "{option}({n} 回選択)"),
    "report.figures": (
        "{right} right · {answers} answer(s) from {learners} learner(s)",
        "正答率 {right} · {learners} 人から {answers} 件の回答",
    ),
    "report.col.number": ("#", "番号"),
    "report.col.lesson": ("Lesson", "レッスン"),
    "report.col.question": ("Question", "問題"),
    "report.col.questions": ("Questions", "問題数"),
    "report.col.learners": ("Learners", "回答者数"),
    "report.col.answers": ("Answers", "回答数"),
    "report.col.right": ("% right", "正答率"),
    "report.col.mastery": ("Mastery", "習熟度"),
    "report.col.chart": ("Chart", "グラフ"),
    "report.col.wrong": ("Most chosen wrong option", "最も多く選ばれた誤答"),
    "report.col.why": ("Why it is wrong", "誤りである理由"),
    "report.missing": ("{file}: no such file", "{file}: ファイルがありません"),
    "report.unreadable": ("{file}: cannot be read ({reason})", "{file}: 読み込めません({reason})"),
    "report.empty": ("{file} is empty", "{file} は空です"),
    "report.no_rows": ("{file} holds no answers", "{file} には回答がありません"),
    "report.not_text": ("{file} is not UTF-8 text", "{file} は UTF-8 のテキストではありません"),
    "report.bad_json": (
        "{file}: not valid JSON (line {line})",
        "{file}: JSON として正しくありません({line} 行目)",
    ),
    "report.bad_csv": ("{file}: not valid CSV ({reason})", "{file}: CSV として正しくありません({reason})"),
    "report.not_results": (
        "{file} is not a results export (from 'stemcell-explainer export results')",
        "{file} は結果のエクスポート('stemcell-explainer export results' の出力)ではありません",
    ),
    "report.bad_row": (
        "{file}: row {row}: '{field}' is missing or not valid",
        "{file}: {row} 行目: '{field}' がないか、正しくありません",
    ),
    "report.nothing_read": (
        "no results file could be read: no report was written",
        "読み込める結果ファイルがないため、レポートは作成しませんでした",
    ),
    "report.partial": (
        "{n} file(s) could not be read: the report says so at the top, and the exit code is 1",
        "{n} 個のファイルを読み込めませんでした。レポートの冒頭に記載し、終了コードは 1 になります",
    ),
    "report.what": ("the class report", "クラスの結果"),
    "cli.bad_sessions": (
        "'{value}' is not a number of sessions (1-1000)",
        "'{value}' はセッション数として正しくありません(1〜1000)",
    ),
    "serve.serving": (
        "Serving on http://{host}:{port} for at most {n} browser session(s) at once. Each session "
        "keeps its progress in a private folder, removed when it ends; all of them are under "
        "{root} , removed when the server stops.",
        "http://{host}:{port} で配信中(同時に最大 {n} セッション)。各セッションの進行状況は専用の"
        "フォルダに保存され、セッション終了時に削除されます。すべて {root} の下にあり、"
        "サーバー停止時に削除されます。",
    ),
    "serve.full_title": ("The class is full", "満員です"),
    "serve.full_body": (
        "This server runs at most {n} sessions at once, and all of them are in use. Try again in "
        "a minute, when someone has closed their tab.",
        "このサーバーが同時に使えるのは {n} セッションまでで、すべて使用中です。"
        "だれかがタブを閉じたら、少し待ってからもう一度お試しください。",
    ),
    "handout.contents": ("Contents", "目次"),
    # -- palette search
    "palette.found.title": ("title · {lesson}", "タイトル · {lesson}"),
    "palette.found.text": ("in the text · {lesson}", "本文 · {lesson}"),
    "palette.found.quote": ("in a source quote · {lesson}", "出典の引用 · {lesson}"),
    "palette.found.term.term": ("glossary term", "用語"),
    "palette.found.term.definition": ("in a glossary definition", "用語の定義"),
    "palette.found.term.quote": ("in a glossary source quote", "用語の出典の引用"),
    # -- claims ------------------------------------------------------------------------------
    "claims.title": (
        "Who says what: the claims in the five articles",
        "誰が何を言っているか：5本の記事の主張",
    ),
    "claims.intro": (
        "Each row is one claim, or claims from several articles that say the same thing; each column "
        "is an article. A cell gives the strength with which that article makes the claim, "
        "'silent' if it does not make it, or 'contradicts' with the disagreement card on which it "
        "takes another side. The articles are marketing material: a cell shows who says what, not "
        "that it is true.",
        "各行は1つの主張、または複数の記事が同じことを述べている主張のまとまりで、各列は記事です。"
        "セルには、その記事がその主張をどの強さで述べているか、述べていなければ「言及なし」、"
        "別の立場をとっていれば「食い違う」と、その食い違いカードを示します。記事は宣伝を目的とした"
        "もので、セルは「誰が何を言っているか」を示すものであり、内容が正しいことを意味しません。",
    ),
    "claims.articles": ("Articles", "記事"),
    "claims.claim": ("Claim", "主張"),
    "claims.silent": ("silent", "言及なし"),
    "claims.contradicts": ("contradicts", "食い違う"),
    "claims.undated": ("undated", "日付なし"),
    # -- who says what -------------------------------------------------------------------------
    "key.who_says_what": ("Who says what", "誰が何を言う"),
    "key.cell_quotes": ("Quotes", "引用"),
    "key.topic_filter": ("Topic", "トピック"),
    "key.article_filter": ("Article", "記事"),
    "key.open_card": ("Open the card", "カードを開く"),
    "matrix.title": ("Who says what", "誰が何を言っているか"),
    "matrix.badge.stated": ("STATED", "断定"),
    "matrix.badge.expected": ("EXPECT", "期待"),
    "matrix.badge.reported": ("REPORT", "報告"),
    "matrix.badge.promotional": ("PROMO", "宣伝"),
    "matrix.no_clinic": ("n/a", "不明"),
    "matrix.all": ("all", "すべて"),
    "matrix.speaks": ("{article}, where it speaks", "{article}（記載あり）"),
    "matrix.filter": (
        "Topic: {topic} · Article: {article} · rows: {n}",
        "トピック：{topic}・記事：{article}・{n}行",
    ),
    "matrix.no_rows": (
        "No rows match this filter: press a or t.",
        "該当する行がありません。a か t で変更します。",
    ),
    "matrix.topic_row": (
        "A topic: move right onto an article's cell.",
        "トピック名です。→ で記事のセルへ移動します。",
    ),
    "matrix.label_cell": ("Move right onto an article's cell.", "→ で記事のセルへ移動します。"),
    "matrix.silent_cell": ("{article} does not make this claim.", "{article}はこの主張をしていません。"),
    "matrix.claim_cell": ("{article}: {n} quote(s) · enter shows them", "{article}：引用{n}件・enter で表示"),
    "matrix.contradicts_cell": (
        "{article} takes another side on {cards} · enter shows its quotes",
        "{article}は {cards} で別の立場をとります・enter で引用を表示",
    ),
    "matrix.legend": ("enter: quotes", "enter：引用"),
    "matrix.against": (
        "This article does not make the claim; on the card(s) below it takes another side. Its claims there:",
        "この記事はこの主張をしていませんが、下のカードで別の立場をとっています。そこでの主張：",
    ),
    "matrix.cards": ("Disagreement cards", "食い違いカード"),
    "matrix.open_hint": (
        "o (or the card's number) opens it in the walkthrough; esc goes back.",
        "o（またはカードの番号）でウォークスルーのカードを開きます。esc で戻ります。",
    ),
    "matrix.close_hint": ("esc goes back.", "esc で戻ります。"),
    "handout.who": ("Who says what", "誰が何を言っているか"),
    # -- appraise: the DISCERN workshop (appraise mode, class DISCERN, worksheet and key) ----
    "key.appraise": ("Appraise", "記事を評価"),
    "key.articles": ("Articles", "記事一覧"),
    "key.results": ("Results", "結果"),
    "key.rate": ("Rate 1–5", "1〜5で評価"),
    "key.passages": ("Passages", "該当箇所"),
    "key.class_discern": ("DISCERN", "DISCERN評価"),
    "key.hand": ("Add a hand", "挙手を数える"),
    "key.undo_hand": ("Undo a hand", "1つ戻す"),
    "key.reveal_reference": ("Reveal", "参照を表示"),
    "palette.appraise": (
        "Appraise the articles yourself (DISCERN)",
        "自分で記事を評価する(DISCERN)",
    ),
    "palette.workshop": ("Workshop", "ワークショップ"),
    "appraise.title": ("Appraise the articles (DISCERN)", "記事を評価する(DISCERN)"),
    "appraise.intro": (
        "DISCERN: 16 published questions for judging health information on treatment choices, each "
        "rated 1 (no) to 5 (yes). Rate a clinic page yourself; after each rating, compare it with "
        "the reference appraisal.",
        "DISCERN: 治療の選択に関する健康情報を判断するための、発表済みの16の質問。それぞれ1(いいえ)〜"
        "5(はい)で評価します。自分でクリニックのページを評価し、1問ごとに参照評価と比べましょう。",
    ),
    "appraise.unavailable": (
        "This course has no DISCERN workshop.",
        "このコースにはDISCERNワークショップがありません。",
    ),
    "appraise.broken": (
        "The DISCERN workshop has {n} problem(s) and cannot be opened; run 'stemcell-explainer check'.",
        "DISCERNワークショップに {n} 件の問題があるため開けません。"
        "'stemcell-explainer check' を実行してください。",
    ),
    "appraise.not_saved": (
        "Your ratings can't be saved ({reason}); they are kept until you quit.",
        "評価を保存できません({reason})。終了するまではメモリに保持します。",
    ),
    "appraise.progress": ("{n}/16 rated", "{n}/16 問を評価済み"),
    "appraise.not_started": ("not started", "未評価"),
    "appraise.done": (
        "done · your overall {you}, reference {ref}",
        "完了 · あなたの総合 {you}、参照評価 {ref}",
    ),
    "appraise.home_keys": (
        "↑↓: choose · enter: rate the article · r: your results beside the reference",
        "↑↓: 選ぶ · enter: 記事を評価する · r: 参照評価と並べた結果",
    ),
    "appraise.not_complete": (
        "Rate all {n} questions of this article to see the results.",
        "結果を見るには、この記事の {n} 問すべてを評価してください。",
    ),
    "appraise.question": ("Question {n}/16", "質問 {n}/16"),
    "appraise.hint": ("Look for", "着眼点"),
    "appraise.scale.low": ("no", "いいえ"),
    "appraise.scale.mid": ("partly", "部分的"),
    "appraise.scale.high": ("yes", "はい"),
    "appraise.overall.low": ("low", "低い"),
    "appraise.overall.mid": ("moderate", "中程度"),
    "appraise.overall.high": ("high", "高い"),
    "appraise.mark.you": ("you", "あなた"),
    "appraise.mark.ref": ("reference", "参照評価"),
    "appraise.mark.same": ("both", "一致"),
    "appraise.keys_rate": (
        "1–5: rate · s: passages from the article (the reference stays hidden)",
        "1〜5: 評価する · s: 記事の該当箇所(参照評価は隠れたまま)",
    ),
    "appraise.keys_rated": (
        "enter: next · p: back · 1–5: change your rating · ↑↓: scroll · esc: articles",
        "enter: 次へ · p: 前へ · 1〜5: 評価を変える · ↑↓: スクロール · esc: 記事一覧",
    ),
    "appraise.scale_meaning": ("What the numbers mean", "数字の意味"),
    "appraise.passages": (
        "From the article: what the reference appraisal quotes for this question",
        "記事から: 参照評価がこの質問で引用している箇所",
    ),
    "appraise.no_passages": (
        "The reference quotes nothing from this article for this question: look through the "
        "article yourself for what the question asks about.",
        "参照評価はこの質問についてこの記事から何も引用していません。質問が求めている内容を、"
        "自分で記事の中から探してください。",
    ),
    "appraise.you_vs_ref": ("you: {you} · reference: {ref}", "あなた: {you} · 参照評価: {ref}"),
    "appraise.apart.same": ("the same", "一致"),
    "appraise.apart.one": ("1 point apart", "1点差"),
    "appraise.apart.many": ("{n} points apart", "{n}点差"),
    "appraise.why": ("Why the reference rates it {score}", "参照評価が {score} とした理由"),
    "appraise.silent": (
        "The article says nothing on this point (checked against its text).",
        "記事はこの点について何も述べていません(本文で確認済み)。",
    ),
    "appraise.searched": ("Looked for", "探した語"),
    "appraise.summary": ("Your appraisal beside the reference", "あなたの評価と参照評価"),
    "appraise.agreement": (
        "{exact} of {n} ratings the same as the reference · {close} within one point · "
        "weighted kappa {kappa}",
        "{n} 問中 {exact} 問が参照評価と一致 · {close} 問が1点差以内 · 重み付きカッパ {kappa}",
    ),
    "appraise.by_section": ("By section (mean rating, 1–5)", "セクション別(平均、1〜5)"),
    "appraise.by_question": ("By question", "質問別"),
    "appraise.rankings": (
        "Ranking by the overall rating (16), then the total of 1–15",
        "順位: 総合評価(質問16)の順、同点なら1〜15の合計の順",
    ),
    "appraise.rank_legend": (
        "the numbers: overall rating (16) · total of 1–15",
        "数字: 総合評価(16) · 1〜15の合計",
    ),
    "appraise.your_ranking": ("Yours (articles rated in full)", "あなたの順位(全問評価した記事)"),
    "appraise.reference_ranking": ("Reference", "参照評価の順位"),
    "appraise.none_ranked": (
        "Rate all 16 questions of an article to rank it.",
        "記事の16問すべてを評価すると順位が付きます。",
    ),
    "class_discern.choose": (
        "Class DISCERN: choose the article to appraise together (↑↓, enter)",
        "クラスでDISCERN: 一緒に評価する記事を選んでください(↑↓、enter)",
    ),
    "class_discern.waiting": ("The teacher is choosing an article.", "先生が記事を選んでいます。"),
    "class_discern.votes": ("{n} hand(s)", "挙手 {n}"),
    "class_discern.median": ("class median {m}", "クラスの中央値 {m}"),
    "class_discern.median_short": ("median", "中央値"),
    "class_discern.apart": ("{n} point(s) apart", "{n}点差"),
    "class_discern.reference": ("Reference rating: {score}", "参照評価: {score}"),
    "class_discern.hidden": (
        "(reference hidden — enter shows it)",
        "(参照評価は非表示。enter で表示)",
    ),
    "class_discern.hidden_audience": ("(reference hidden)", "(参照評価は非表示)"),
    "class_discern.keys": (
        "1–5: add a hand for that rating · backspace: take the last one back · enter: show the "
        "reference · n: next question (skips if no hands) · p: previous · esc: slides",
        "1〜5: その評価の挙手を1つ数える · backspace: 直前の1つを戻す · enter: 参照評価を表示 · "
        "n: 次の質問(挙手がなければスキップ) · p: 前の質問 · esc: スライドに戻る",
    ),
    "class_discern.end": ("The class's ratings beside the reference", "クラスの評価と参照評価"),
    "class_discern.skipped": ("skipped", "スキップ"),
    "class_discern.not_saved": (
        "The class's counts can't be saved ({reason}).",
        "クラスの集計を保存できません({reason})。",
    ),
    "worksheet.title": ("DISCERN worksheet", "DISCERN評価シート"),
    "worksheet.intro": (
        "Read the article, then rate each question from 1 to 5: tick one box, and note where in "
        "the article you found (or did not find) what the question asks about.",
        "記事を読み、各質問を1〜5で評価してください。枠に1つ印を付け、質問が求める内容が記事のどこに"
        "書かれていたか(または書かれていなかったか)をメモします。",
    ),
    "worksheet.notes": ("Notes: where in the article?", "メモ: 記事のどこに?"),
    "worksheet.instrument": ("The questions paraphrase DISCERN", "質問はDISCERNの言い換えです"),
    "discern_key.title": ("DISCERN answer key: the reference appraisals", "DISCERN解答集: 参照評価"),
    "discern_key.ranking": (
        "The articles ranked by the overall rating (question 16), then by the total of questions 1–15.",
        "総合評価(質問16)の順、同点なら質問1〜15の合計の順に並べた記事。",
    ),
    "discern_key.article": ("Reference appraisal", "参照評価"),
    "discern_key.scores": ("Scores", "得点"),
    "discern_key.column.place": ("place", "順位"),
    "discern_key.column.article": ("article", "記事"),
    "discern_key.column.reliability": ("reliability (1–8)", "信頼性(1〜8)"),
    "discern_key.column.treatment": ("treatment choices (9–15)", "治療の選択(9〜15)"),
    "discern_key.column.overall": ("overall (16)", "総合(16)"),
    "discern_key.column.total": ("total of 1–15", "1〜15の合計"),
    "discern_key.silent": (
        "The article says nothing on this point (checked against its text).",
        "記事はこの点について何も述べていない(本文で確認済み)。",
    ),
    "discern_key.searched": ("Looked for", "探した語"),
    "report.discern": (
        "DISCERN: the class's ratings beside the reference",
        "DISCERN: クラスの評価と参照評価",
    ),
    "report.discern_how": (
        "The room: hands counted in class DISCERN sessions, added up. Learners: each learner's own "
        "latest rating in the appraise mode. The median is the middle rating; the reference is the "
        "course's own appraisal (export discern-key explains each one).",
        "クラス(挙手): クラスでのDISCERN評価で数えた挙手の合計。学習者: 各学習者が評価モードで付けた"
        "最新の評価。中央値は真ん中の評価、参照評価はコース自身の評価です"
        "(理由は export discern-key で確認できます)。",
    ),
    "report.discern_counts": (
        "{sessions} class session(s) · {learners} learner(s)",
        "クラスでの評価 {sessions} 回 · 学習者 {learners} 人",
    ),
    "report.col.who": ("Rated by", "評価した人"),
    "report.col.median": ("Median", "中央値"),
    "report.col.reference": ("Reference", "参照評価"),
    "report.who.room": ("the room (hands)", "クラス(挙手)"),
    "report.who.learners": ("learners", "学習者"),
}


class Notice(str):
    """A message for the learner that any part of the app (UI-free code included) can raise.

    It is its English text, so it prints, logs and compares as a plain string, and it keeps its
    catalogue key and values, so a screen shows it in the learner's language with `text()`.
    A value that is itself a Notice (a reason) is translated too.
    """

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, values: dict[str, object] | None = None) -> Notice:
        values = dict(values or {})
        self = super().__new__(cls, _render(key, "en", values))
        self.key, self.values = key, values
        return self

    def text(self, language: Language | str) -> str:
        return _render(self.key, language, self.values)


def _render(key: str, language: Language | str, values: dict[str, object]) -> str:
    shown = {k: v.text(language) if isinstance(v, Notice) else v for k, v in values.items()}
    return t(key, language, **shown)


def both_ways(key: str, language: Language | str) -> str:
    """Like `t`, but "both" gives "English / 日本語" (for documents, which have the room)."""
    en, ja = STRINGS[key]
    return {"en": en, "ja": ja}.get(language, f"{en} / {ja}")


def t(key: str, language: Language | str, **values: object) -> str:
    """The string for `key` in `language` ("both" shows labels in English)."""
    en, ja = STRINGS[key]
    text = ja if single(language) == "ja" else en
    return text.format(**values) if values else text
