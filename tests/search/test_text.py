"""Text analysis: folding, per-language stemming, query terms, excerpts (no database)."""

import pytest

from search import compounds, text
from search.suggest import edit_distance


@pytest.mark.parametrize(
    "forms",
    [
        ["skola", "skolor", "skolorna", "skolan"],
        ["mötesplats", "mötesplatser", "mötesplatsen", "mötesplatserna"],
        ["nyanländ", "nyanlända", "Nyanlända"],
        ["kvinna", "kvinnor", "kvinnan", "kvinnorna"],
        ["praktikplats", "praktikplatser", "praktikplatsen"],
    ],
)
def test_swedish_inflections_share_one_index_form(forms):
    assert len({tuple(text.analyse(form, "sv")) for form in forms}) == 1


@pytest.mark.parametrize(
    "forms",
    [
        ["meeting place", "meeting places", "Meeting Places"],
        ["refugee", "refugees", "refugee's"],
        ["school", "schools"],
    ],
)
def test_english_inflections_share_one_index_form(forms):
    assert len({tuple(text.analyse(form, "en")) for form in forms}) == 1


def test_each_language_has_its_own_stemmer():
    # The English stemmer leaves the Swedish plural alone, the Swedish one strips it.
    assert text.analyse("skolorna", "sv") != text.analyse("skolorna", "en")
    assert text.analyse("refugees", "en") != text.analyse("refugees", "sv")


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Härnösand", "harnosand"),
        ("Örnsköldsvik", "ornskoldsvik"),
        ("Språkcafé", "sprakcafe"),
        ("Malmö", "MALMO"),
        ("Tromsø", "tromso"),
    ],
)
def test_diacritics_do_not_matter(written, typed):
    for language in ("sv", "en"):
        assert text.analyse(written, language) == text.analyse(typed, language)


def test_decomposed_unicode_is_one_word():
    decomposed = "mo\u0308tesplats"  # "ö" written as "o" + combining diaeresis
    assert text.analyse(decomposed, "sv") == text.analyse("mötesplats", "sv")


def test_query_drops_stop_words_unless_nothing_else_is_left():
    terms = text.analyse_query("Skola för nyanlända", ["sv"])
    assert [t.word for t in terms] == ["skola", "nyanlända"]
    assert [t.word for t in text.analyse_query("och det", ["sv"])] == ["och", "det"]


def test_query_without_known_language_tries_every_stemmer():
    (term,) = text.analyse_query("refugees", ["sv", "en"])
    assert set(term.variants) == {text.stem("refugees", "sv"), text.stem("refugees", "en")}


def test_query_terms_are_capped():
    terms = text.analyse_query(" ".join(f"ord{i}" for i in range(100)), ["sv"])
    assert len(terms) == text.MAX_QUERY_TERMS


def test_sql_and_fts_syntax_are_just_words():
    terms = text.analyse_query('"; DROP TABLE x; -- NEAR(a b) OR * {title}:', ["en"])
    for term in terms:
        for variant in term.variants:
            assert variant.isalnum()


def test_excerpt_marks_inflected_matches_and_escapes_everything():
    stems = {v for t in text.analyse_query("mötesplats", ["sv"]) for v in t.variants}
    html = text.excerpt(
        ['Vi öppnade <script>alert(1)</script> mötesplatsen & "caféet".'], stems, "sv"
    )
    assert "<mark>mötesplatsen</mark>" in html
    assert "alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html
    # Only our own tags are markup.
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_excerpt_of_a_markup_query_marks_escaped_words_only():
    stems = {v for t in text.analyse_query("<script>", ["sv"]) for v in t.variants}
    html = text.excerpt(["Text med <script>x</script> i."], stems, "sv")
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html


def test_excerpt_prefers_the_passage_with_most_query_words():
    stems = {v for t in text.analyse_query("läxhjälp bibliotek", ["sv"]) for v in t.variants}
    texts = [
        "Läxhjälp nämns här. " + "fyllnad " * 60,
        "Här finns läxhjälp i biblioteket varje dag.",
    ]
    html = text.excerpt(texts, stems, "sv")
    assert "<mark>biblioteket</mark>" in html


def test_excerpt_is_short():
    stems = set(text.analyse("ord", "sv"))
    html = text.excerpt([("annat " * 100) + "ord " + ("annat " * 100)], stems, "sv")
    assert len(html.split()) <= 40
    assert html.startswith("…") and html.endswith("…")


def test_no_excerpt_without_a_match():
    assert text.excerpt(["inget här"], set(text.analyse("skola", "sv")), "sv") is None


def test_html_to_text_keeps_words_apart():
    assert text.raw_words(text.html_to_text("<p>ett</p><p>två</p>")) == ["ett", "två"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("skola", "skola", 0),
        ("skolor", "skolar", 1),
        ("mötesplats", "mötseplats", 1),
        ("ab", "xyz", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert min(edit_distance(a, b, 2), 3) == min(distance, 3)


def test_excerpt_reads_the_fallback_only_when_nothing_else_matches():
    stems = set(text.analyse("läxhjälp", "sv"))

    def never() -> str:
        raise AssertionError("the fallback should not be read")

    assert "<mark>" in text.excerpt(["Läxhjälp varje dag."], stems, "sv", fallback=never)
    html = text.excerpt(["Inget här."], stems, "sv", fallback=lambda: "Vi gav läxhjälp.")
    assert "<mark>läxhjälp</mark>" in html


@pytest.mark.parametrize(
    ("word", "part"),
    [
        ("mötesplats", "plats"),
        ("mötesplatsen", "platsen"),
        ("genomgångsboende", "boende"),
        ("språkcafé", "cafe"),
        ("språkkafé", "kafe"),
        ("flyktingmottagning", "mottagning"),
        ("kvinnojour", "jour"),
        ("socialtjänsten", "tjansten"),
    ],
)
def test_compounds_are_split_before_their_last_part(word, part):
    assert compounds.final_part(word) == part
    # The part is indexed in the form a query for it takes.
    assert text.compound_part_forms([word], "sv") == [text.index_form(part, "sv")]


@pytest.mark.parametrize("word", ["integrationen", "Härnösand", "Örnsköldsvik", "plats", "skola"])
def test_words_that_are_not_compounds_are_left_whole(word):
    assert compounds.final_part(word.lower()) is None


def test_only_swedish_is_split():
    assert text.compound_part_forms(["meetingplace"], "en") == []


def test_a_compound_part_is_highlighted(settings):
    html = text.excerpt(["Vi öppnade en mötesplats i byn."], {text.index_form("plats", "sv")}, "sv")
    assert "<mark>mötesplats</mark>" in html


def test_without_the_dictionary_nothing_is_split(settings, tmp_path):
    settings.SEARCH_SWEDISH_DICTIONARY = str(tmp_path / "missing.dic")
    compounds._word_list.cache_clear()
    compounds.final_part.cache_clear()
    try:
        assert compounds.final_part("mötesplats") is None
        assert not compounds.available()
    finally:
        compounds._word_list.cache_clear()
        compounds.final_part.cache_clear()


def test_keywords_use_the_index_forms():
    # Related practices compare keywords: they must meet wherever the search would.
    written = text.keywords("Mötesplatser i Härnösand", "sv")
    typed = text.keywords("mötesplats harnosand", "sv")
    assert written == typed == [text.index_form("mötesplats", "sv"), "harnosand"]
    assert text.keywords("skolan", "sv") == text.keywords("skola", "sv")


def test_keywords_drop_stop_words_numbers_and_short_words():
    assert text.keywords("Att vi också har nya lokaler i år 2024", "sv") == [
        text.index_form("lokaler", "sv")
    ]
    assert text.keywords("Many new ones", "en") == [text.index_form("ones", "en")]
    # Letters with digits are one word, as in the index.
    assert text.keywords("covid19", "sv") == ["covid19"]


def test_keyword_stop_words_include_the_query_stop_words():
    for language, stops in text.STOP_WORDS.items():
        assert stops <= text.KEYWORD_STOP_WORDS[language]
    # …but a query keeps the words that only keyword extraction drops.
    assert [t.word for t in text.analyse_query("nya skolor", ["sv"])] == ["nya", "skolor"]


def test_keywords_of_an_unknown_language_use_the_default_language():
    assert text.keywords("skolorna", "fi") == text.keywords("skolorna", "sv")
