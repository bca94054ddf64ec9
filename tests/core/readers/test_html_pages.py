"""Small hand-written pages, one or more per kind of failure seen on pages we had never read.

Every page here is written for this test (no real page is copied). Each row names the kind of
failure, the page, and what the reader must give.
"""

from __future__ import annotations

import pytest

from viewer.core.model import Article, Figure
from viewer.core.readers.html import article_from_html, is_link_line
from viewer.core.readers.html_content import Body
from viewer.core.readers.html_main import Block, combine, share_found, shingles
from viewer.core.readers.html_text import normalise_text, word_count

STORY = [
    "The night ferry to the outer islands ran late for the third time this month, and the harbour "
    "master says the timetable will change before the spring.",
    "Crews have been short since the autumn, when two of the five deckhands left for work on the new "
    "wind farm, and the company has struggled to replace them.",
    "Passengers waiting on the quay said they did not mind the delay as much as not knowing how long "
    "it would last, since the screens showed nothing at all.",
    "The company promised a text message service by March, and said it would pay for taxis when the "
    "last boat of the evening is more than an hour late.",
]


def page(body: str, head: str = "<title>Night ferry runs late again</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def story(paragraphs: list[str] = STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def read(html: str) -> Article:
    return article_from_html(html, path="page.html")


# --- the article where a script would have put it ------------------------------------------


HIDDEN_ARTICLE = [
    ("noscript", f'<div id="app"></div><noscript><article>{story()}</article></noscript>'),
    (
        "script template",
        f'<div id="app"></div><script type="text/template"><article>{story()}</article></script>',
    ),
    ("template element", f'<div id="app"></div><template><article>{story()}</article></template>'),
]


@pytest.mark.parametrize(("kind", "body"), HIDDEN_ARTICLE, ids=[k for k, _ in HIDDEN_ARTICLE])
def test_article_hidden_in_markup_for_scripts_is_read(kind: str, body: str) -> None:
    assert list(read(page(body)).paragraphs) == STORY


def test_an_article_in_a_template_wins_over_a_page_of_furniture() -> None:
    furniture = (
        '<header><a href="/">Island Post</a></header><div class="promo"><p>Get the app for the latest '
        "island news, weather and ferry times.</p></div><p>Loading the story...</p>"
    )
    body = f'{furniture}<script type="text/template"><article>{story()}</article></script>'
    assert list(read(page(body)).paragraphs) == STORY


def test_noscript_text_is_not_used_when_the_page_has_an_article() -> None:
    body = (
        f"<article>{story()}</article><noscript><p>Please turn on JavaScript to see comments.</p></noscript>"
    )
    assert list(read(page(body)).paragraphs) == STORY


# --- boxes that are not the article ----------------------------------------------------------


BOXES = [
    (
        "about us",
        '<div class="about-box"><p>The Island Post is an independent newsroom founded by readers.</p></div>',
    ),
    (
        "subscribe",
        '<div class="subscribe-box"><p>Subscribe today and get every story for a dollar a week.</p></div>',
    ),
    (
        "donation",
        '<div class="donate-appeal"><p>Donate now: our journalism depends on readers like you.</p></div>',
    ),
    (
        "related",
        '<div class="related-stories"><p>Storm closes the airport for a second day running.</p></div>',
    ),
    ("author bio", '<div class="author-bio"><p>Mara Quill has covered the islands for ten years.</p></div>'),
    (
        "newsletter",
        '<div class="newsletter-signup"><p>Get the morning briefing in your inbox, free.</p></div>',
    ),
]


@pytest.mark.parametrize("second_opinion", [True, False], ids=["combined", "ours-only"])
@pytest.mark.parametrize(("kind", "box"), BOXES, ids=[k for k, _ in BOXES])
def test_boxes_around_the_article_stay_out(kind: str, box: str, second_opinion: bool) -> None:
    body = f"<article>{story(STORY[:2])}{box}{story(STORY[2:])}</article>"
    article = article_from_html(page(body), path="page.html", second_opinion=second_opinion)
    assert list(article.paragraphs) == STORY


# --- text that is there but looks wrong ------------------------------------------------------


def test_invisible_characters_and_space_runs_are_normalised() -> None:
    body = (
        "<article><p>The har\u00adbour mas\u00adter said\u00a0\u00a0\u00a0 the time\u200btable "
        "would change, and the new one would be printed\u2060 in March.</p>" + story(STORY[1:]) + "</article>"
    )
    first = read(page(body)).paragraphs[0]
    assert first == (
        "The harbour master said the timetable would change, and the new one would be printed in March."
    )


def test_joiners_that_scripts_need_are_kept() -> None:
    # Persian uses the zero-width non-joiner inside words.
    assert normalise_text("می\u200cخواهم") == "می\u200cخواهم"


# --- scripts written without spaces ----------------------------------------------------------

JAPANESE = [
    "先月から夜の連絡船が遅れることが多くなり、港の責任者は春までに時刻表を変えると話しました。",
    "秋に乗組員が二人辞めてから人手が足りず、会社は新しい人を探していますが、まだ見つかっていません。",
    "待っていた乗客は、遅れよりも、いつ出るのかわからないことのほうが困ると話していました。",
]
THAI = [
    "เรือข้ามฟากเที่ยวกลางคืนออกช้าเป็นครั้งที่สามในเดือนนี้ และนายท่าบอกว่าตารางเวลาจะเปลี่ยนก่อนฤดูใบไม้ผลิ",
    "ลูกเรือขาดแคลนตั้งแต่ฤดูใบไม้ร่วง เมื่อลูกเรือสองคนลาออกไปทำงานที่ฟาร์มกังหันลมแห่งใหม่",
]


@pytest.mark.parametrize("paragraphs", [JAPANESE, THAI], ids=["japanese", "thai"])
def test_scripts_without_spaces_keep_their_paragraphs(paragraphs: list[str]) -> None:
    body = (
        '<nav><a href="/">ホーム</a> <a href="/news">ニュース</a></nav>'
        f"<article><h1>連絡船</h1>{story(paragraphs)}</article>"
    )
    assert list(read(page(body, "<title>連絡船</title>")).paragraphs) == paragraphs


def test_word_count_without_spaces() -> None:
    assert word_count("the night ferry") == 3
    assert word_count(JAPANESE[0]) > 12  # a sentence, not a four-word label
    assert word_count(THAI[0]) > 12


# --- structure -------------------------------------------------------------------------------


def test_subheads_lists_quotes_and_tables_keep_their_kind() -> None:
    body = (
        f"<article><p>{STORY[0]}</p><h2>What the company says</h2><p>{STORY[1]}</p>"
        "<ul><li>Text messages from March.</li><li>Taxis when the last boat is an hour late.</li></ul>"
        f"<blockquote><p>{STORY[2]}</p></blockquote>"
        "<table><tr><th>Month</th><th>Late sailings</th></tr><tr><td>January</td><td>3</td></tr></table>"
        f"<p>{STORY[3]}</p></article>"
    )
    article = read(page(body))
    assert list(zip(article.paragraphs, article.paragraph_kinds, strict=True)) == [
        (STORY[0], "text"),
        ("What the company says", "heading"),
        (STORY[1], "text"),
        ("Text messages from March.", "list"),
        ("Taxis when the last boat is an hour late.", "list"),
        (STORY[2], "quote"),
        ("Month | Late sailings", "table"),
        ("January | 3", "table"),
        (STORY[3], "text"),
    ]
    assert article.to_json()["paragraph_kinds"][1] == "heading"


def test_recipe_ingredient_list_is_kept() -> None:
    body = (
        f"<article><h1>Island fish stew</h1><p>{STORY[0]}</p>"
        '<div class="recipe"><h3>Ingredients</h3><ul class="ingredients">'
        "<li>500 g white fish</li><li>2 onions</li><li>1 lemon</li><li>Salt</li></ul>"
        "<h3>Method</h3><ol><li>Soften the onions in oil over a low heat for ten minutes.</li>"
        "<li>Add the fish and the lemon juice and simmer until the fish is cooked through.</li></ol>"
        f"</div><p>{STORY[3]}</p></article>"
    )
    paragraphs = list(read(page(body)).paragraphs)
    assert paragraphs[paragraphs.index("Ingredients") + 1 : paragraphs.index("Method")] == [
        "500 g white fish",
        "2 onions",
        "1 lemon",
        "Salt",
    ]


INGREDIENTS = ["500 g white fish", "2 onions", "1 lemon", "Salt", "600 ml fish stock", "Parsley"]
STEPS = [
    "Soften the onions in the oil over a low heat for ten minutes, stirring now and then.",
    "Add the stock and bring it to a gentle simmer for fifteen minutes.",
    "Add the fish and the lemon juice and simmer until the fish is cooked through.",
]


@pytest.mark.parametrize("second_opinion", [True, False], ids=["combined", "ours-only"])
def test_a_recipe_card_beside_the_story_is_kept(second_opinion: bool) -> None:
    items = "".join(f"<li>{x}</li>" for x in INGREDIENTS)
    steps = "".join(f"<li>{x}</li>" for x in STEPS)
    body = (
        f'<div class="wrap"><div class="post"><h1>Island fish stew</h1>{story(STORY[:2])}</div>'
        f'<div class="recipe-card"><div class="recipe-ingredients"><h3>Ingredients</h3><ul>{items}</ul></div>'
        f'<div class="recipe-instructions"><h3>Method</h3><ol>{steps}</ol></div></div></div>'
    )
    article = article_from_html(page(body), path="page.html", second_opinion=second_opinion)
    assert list(article.paragraphs) == [*STORY[:2], "Ingredients", *INGREDIENTS, "Method", *STEPS]
    assert article.paragraph_kinds[3:9] == ("list",) * 6


def test_layout_tables_are_not_table_rows() -> None:
    body = f"<table><tr><td>{story()}</td><td><p>Menu</p></td></tr></table>"
    article = read(page(body))
    assert list(article.paragraphs[:4]) == STORY
    assert set(article.paragraph_kinds[:4]) == {"text"}


# --- figures ---------------------------------------------------------------------------------


def test_gallery_counters_and_controls_leave_captions_and_repeats_collapse() -> None:
    caption = "The night ferry leaves the quay at Port Ellen in heavy rain"
    body = (
        "<article>"
        f'<figure><img src="a.jpg"><figcaption>{caption} ... more'
        '<span class="credit">Photo: Ana Ruiz, AP</span></figcaption></figure>'
        f'<figure><img src="a.jpg"><figcaption>Image 1 of 12 {caption} ... less ... more'
        '<span class="credit">Photo: Ana Ruiz, AP</span></figcaption></figure>'
        f'<figure><img src="b.jpg"><figcaption>2of12{caption}.</figcaption></figure>'
        f"{story()}</article>"
    )
    figures = read(page(body)).figures
    assert [f.caption.rstrip(".") for f in figures] == [caption]
    assert figures[0].credit == "Ana Ruiz, AP"


def test_no_empty_figures() -> None:
    body = (
        '<article><figure><img src="a.jpg"><figcaption> </figcaption></figure>'
        '<figure><img src="b.jpg"><figcaption>Image via</figcaption></figure>'
        f"{story()}</article>"
    )
    assert all(f.caption or f.credit for f in read(page(body)).figures)


def test_a_caption_glued_into_a_block_never_reaches_the_body() -> None:
    caption = "Deckhands load the last crates onto the ferry before the storm"
    blocks = [Block(f"{caption} {STORY[0]}", "text"), Block(STORY[1], "text")]
    ours = Body(["Menu", "Home"], [Figure(caption, None, -1)], ["text", "text"], [caption])
    combined = combine(ours, blocks)
    assert combined.paragraphs == [STORY[0], STORY[1]]
    assert [f.caption for f in combined.figures] == [caption]


@pytest.mark.parametrize("second_opinion", [True, False], ids=["with trafilatura", "our reading alone"])
def test_a_caption_found_by_its_credit_never_reaches_the_body_by_another_reading(
    second_opinion: bool,
) -> None:
    # Found by the fuzzing harness: a short story whose marked-up figures outweigh its text.
    # Our reading took the caption line for the article and then for a caption, leaving no
    # body: the page's lines (and trafilatura's one block) then showed every caption.
    caption = "A heron waits at the slipway on Tuesday."
    credit = "Mara Quist/Harbour Wire"
    figure = f'<figure><img src="p.jpg"><figcaption>{caption} <span class="credit">{credit}</span></figcaption></figure>'
    html = page(f"<article>{figure * 2}<p>{caption} ({credit})</p><p>The ferry ran late again.</article>", "")
    article = article_from_html(html, path="page.html", second_opinion=second_opinion)
    assert not any("heron" in p or "Quist" in p for p in article.paragraphs)
    assert [(f.caption, f.credit) for f in article.figures] == [(caption, credit)]


# --- front matter ----------------------------------------------------------------------------


def test_description_repeating_the_body_is_not_a_standfirst() -> None:
    repeat = f'<meta name="description" content="{STORY[2]}">'
    assert read(page(f"<article>{story()}</article>", repeat)).standfirst is None
    long_one = '<meta name="description" content="' + " ".join(["Word"] * 80) + '.">'
    assert read(page(f"<article>{story()}</article>", long_one)).standfirst is None
    dek = '<meta name="description" content="Islanders want to know when the boat will leave.">'
    assert read(page(f"<article>{story()}</article>", dek)).standfirst == (
        "Islanders want to know when the boat will leave."
    )


@pytest.mark.parametrize("second_opinion", [True, False], ids=["combined", "ours-only"])
def test_byline_and_the_writer_role_never_reach_the_body(second_opinion: bool) -> None:
    head = '<meta name="author" content="Mara Quill"><title>Night ferry runs late again</title>'
    body = (
        f"<article><p>By MARA QUILL</p><p>Island Affairs Writer</p>{story(STORY[:2])}"
        f"<p>By Mara Quill</p>{story(STORY[2:])}<p>Mara Quill</p></article>"
    )
    article = article_from_html(page(body, head), path="page.html", second_opinion=second_opinion)
    assert article.byline == "Mara Quill"
    assert list(article.paragraphs) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "More: Storm closes the airport for a second day",
        "Related: Ferry fares to rise in April",
        "Read more",
        "READ MORE: Harbour wall to be rebuilt",
        "See also: the winter timetable",
        "More:",
        "More ferry news: https://island.example/ferries",
    ],
)
def test_link_lines_never_reach_the_body(line: str) -> None:
    assert is_link_line(line)
    body = f"<article>{story(STORY[:2])}<p><a href='/x'>{line}</a></p>{story(STORY[2:])}</article>"
    assert list(read(page(body)).paragraphs) == STORY
    plain = f"<article>{story(STORY[:2])}<p>{line}</p>{story(STORY[2:])}</article>"
    assert list(article_from_html(page(plain), path="page.html", second_opinion=False).paragraphs) == STORY


def test_a_sentence_about_more_stays() -> None:
    assert not is_link_line("More than forty passengers waited on the quay until midnight.")


# --- what the page has, shown ----------------------------------------------------------------


SHORT_OR_BROKEN = [
    ("one short line", "<p>Ferry cancelled tonight.</p>", ["Ferry cancelled tonight."]),
    ("text without paragraphs", "Ferry cancelled tonight. Next sailing at six.", None),
    ("unclosed tags", "<div><p>Ferry cancelled <b>tonight<p>Next sailing at <i>six", None),
]


@pytest.mark.parametrize(("kind", "body", "want"), SHORT_OR_BROKEN, ids=[k for k, _, _ in SHORT_OR_BROKEN])
def test_short_or_broken_pages_are_shown(kind: str, body: str, want: list[str] | None) -> None:
    article = read(f"<html><body>{body}")
    text = " ".join(article.paragraphs)
    assert article.paragraphs
    assert "Ferry cancelled" in f"{article.title} {text}"
    if want is not None:
        assert list(article.paragraphs) == want


# --- the combination rule --------------------------------------------------------------------


def test_agreeing_readings_keep_our_structure_and_drop_what_only_we_kept() -> None:
    ours = Body(
        [STORY[0], "What next", STORY[1], "Comment from reader: great piece!"],
        [],
        ["text", "heading", "text", "text"],
    )
    blocks = [Block(STORY[0], "text"), Block("What next", "heading"), Block(STORY[1], "text")]
    combined = combine(ours, blocks)
    assert combined.paragraphs == [STORY[0], "What next", STORY[1]]
    assert combined.kinds == ["text", "heading", "text"]


def test_disagreeing_readings_take_trafilaturas_blocks_and_keep_our_figures() -> None:
    sidebar = ["Storm closes the airport for a second day running, and flights are cancelled."] * 2
    ours = Body(sidebar, [Figure("The quay at night", "Ana Ruiz", 0)], ["text", "text"])
    blocks = [Block(p, "text") for p in STORY]
    combined = combine(ours, blocks)
    assert combined.paragraphs == STORY
    assert [f.caption for f in combined.figures] == ["The quay at night"]


def test_without_trafilatura_our_reading_stands() -> None:
    ours = Body(list(STORY), [], ["text"] * 4)
    assert combine(ours, None) is ours


def test_agreement_is_measured_without_spaces() -> None:
    evidence = shingles("".join(JAPANESE))
    assert share_found(JAPANESE[1], evidence) == 1.0
    assert share_found("全く別の話題について書かれた文章です。", evidence) < 0.2


def test_a_fragment_from_trafilatura_does_not_cut_our_article() -> None:
    long_story = STORY + JAPANESE + CHINESE + THAI + ARABIC  # a long article, all of it distinct
    ours = Body(long_story, [], ["text"] * len(long_story))
    assert combine(ours, [Block(STORY[0], "text")]) is ours


def test_long_comments_we_took_instead_of_the_article_lose() -> None:
    comments = [
        f"Reader {n} says the ferry was late again on {day} and nobody told us why."
        for n, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] * 3)
    ]
    ours = Body(comments, [], ["text"] * len(comments))
    combined = combine(ours, [Block(p, "text") for p in STORY])
    assert combined.paragraphs == STORY


def test_a_page_caption_inside_trafilaturas_block_becomes_a_figure_there() -> None:
    caption = "Deckhands load the last crates onto the ferry before the storm"
    blocks = [Block(STORY[0], "text"), Block(f"{caption} {STORY[1]}", "text")]
    ours = Body(["Menu", "Home"], [], ["text", "text"], [caption])
    combined = combine(ours, blocks)
    assert combined.paragraphs == [STORY[0], STORY[1]]
    assert combined.figures == [Figure(caption, None, 0)]


def test_a_caption_printed_twice_in_one_figure_is_shown_once() -> None:
    caption = "The night ferry leaves the quay at Port Ellen in heavy rain."
    body = (
        f'<article><figure><img src="a.jpg"><figcaption><span>{caption}</span> <span>{caption}</span>'
        f'<span class="credit">Ana Ruiz, AP</span></figcaption></figure>{story()}</article>'
    )
    assert [(f.caption, f.credit) for f in read(page(body)).figures] == [(caption, "Ana Ruiz, AP")]


def test_a_caption_that_is_only_a_credit_becomes_the_credit() -> None:
    body = (
        '<article><figure><img src="a.jpg"><figcaption>Photo by Ana Ruiz/Getty Images</figcaption></figure>'
    )
    body += f"{story()}</article>"
    assert [(f.caption, f.credit) for f in read(page(body)).figures] == [("", "Ana Ruiz/Getty Images")]


def test_a_header_row_repeated_as_the_footer_is_shown_once() -> None:
    head = "<tr><th>Month</th><th>Late sailings</th></tr>"
    table = f"<table><thead>{head}</thead><tfoot>{head}</tfoot><tbody><tr><td>May</td><td>4</td></tr></tbody></table>"
    paragraphs = read(page(f"<article>{story()}{table}</article>")).paragraphs
    assert paragraphs[-2:] == ("Month | Late sailings", "May | 4")


CHINESE = [
    "夜间渡轮本月第三次晚点，港务长表示，春季之前将调整时刻表。",
    "自去年秋天以来，船员一直短缺，五名水手中有两人离职前往新建的风电场工作，公司至今未能找到替代人员。",
    "在码头等候的乘客说，他们并不太在意晚点，更在意的是不知道要等多久，因为屏幕上什么也没有显示。",
]
ARABIC = [
    "قال مدير الميناء إن العبارة الليلية تأخرت للمرة الثالثة هذا الشهر، وإن جدول الرحلات سيتغير قبل الربيع.",
    "ويعاني الطاقم من نقص منذ الخريف، عندما غادر اثنان من البحارة الخمسة للعمل في مزرعة الرياح الجديدة.",
]


@pytest.mark.parametrize("second_opinion", [True, False], ids=["combined", "ours-only"])
def test_a_chinese_page_with_sidebar_and_comments(second_opinion: bool) -> None:
    links = "".join(
        f'<li><a href="/n{i}">港口新闻标题第{i}条：暴风雨导致机场关闭</a></li>' for i in range(12)
    )
    comments = "".join(
        f'<div class="c-item"><p>网友{i}：说得太对了，我也遇到过。</p></div>' for i in range(8)
    )
    html = page(
        '<div class="top"><a href="/">首页</a> <a href="/news">新闻</a></div>'
        f'<div class="main"><div class="left"><h1>夜间渡轮再次晚点</h1>{story(CHINESE)}'
        f'<div class="pl">{comments}</div></div><div class="right"><ul>{links}</ul></div></div>',
        "<title>夜间渡轮再次晚点_海岛新闻中心</title>",
    )
    article = article_from_html(html, path="page.html", second_opinion=second_opinion)
    assert article.title == "夜间渡轮再次晚点"
    assert list(article.paragraphs[:3]) == CHINESE
    assert not any("网友" in p or "暴风雨" in p for p in article.paragraphs[:3])


def test_an_arabic_page() -> None:
    html = page(f'<nav><a href="/">الرئيسية</a></nav><article><h1>العبارة</h1>{story(ARABIC)}</article>')
    assert list(read(html).paragraphs) == ARABIC


def test_pages_read_without_trafilatura_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    body = f"<article>{story(STORY[:2])}<p><a href='/x'>Related: Storm closes the airport</a></p>{story(STORY[2:])}</article>"
    assert list(read(page(body)).paragraphs) == STORY


def test_a_quotation_with_its_source_in_brackets_is_body_not_a_caption() -> None:
    cited = "“Keep the lamp lit and the harbour open, whatever the weather brings.” [Harbour Rules 4]"
    body = f"<article>{story(STORY[:2])}<p><strong>{cited}</strong></p>{story(STORY[2:])}</article>"
    article = read(page(body))
    assert cited in article.paragraphs
    assert not article.figures


MORE = [
    "The harbour master said the new timetable would be published once the engineers had finished.",
    "Fishermen on the east pier told the council that the dredging had already changed the currents.",
    "The council will meet again in March to decide whether the second phase of the works goes ahead.",
]


def test_prose_trafilatura_stopped_short_of_is_kept_but_a_lone_bio_after_it_is_not() -> None:
    bio = "Ana Ruiz is a reporter for the Island Post who covers the harbour, the ferries and the fishing fleet."
    paragraphs = [STORY[0], STORY[1], *MORE, "More stories", bio]
    ours = Body(paragraphs, [], ["text"] * len(paragraphs))
    # trafilatura stopped after two paragraphs (at an inline box, say).
    combined = combine(ours, [Block(STORY[0], "text"), Block(STORY[1], "text")])
    assert combined.paragraphs == [STORY[0], STORY[1], *MORE]
    # A single prose paragraph after the last agreed one is a sign-off or a bio, not article.
    ours = Body([STORY[0], STORY[1], bio], [], ["text"] * 3)
    assert combine(ours, [Block(STORY[0], "text"), Block(STORY[1], "text")]).paragraphs == STORY[:2]


def test_prose_trafilatura_skipped_between_two_agreed_paragraphs_is_kept() -> None:
    paragraphs = [STORY[0], MORE[0], STORY[1]]
    ours = Body(paragraphs, [], ["text"] * 3)
    assert combine(ours, [Block(STORY[0], "text"), Block(STORY[1], "text")]).paragraphs == paragraphs
