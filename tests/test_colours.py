"""The sentiment scales: polarity to colour, and text contrast on every step."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import colours

THEMES = list(colours.THEMES.values())
SCALES = list(colours.SCALES.values())
ALL_STEPS = [s for s in range(-colours.STEPS, colours.STEPS + 1) if s]


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("scale", SCALES, ids=lambda s: s.name)
def test_text_contrast_on_every_scale_step_is_at_least_4_5(theme, scale):
    for step in ALL_STEPS:
        background = colours.step_colour(step, scale, theme)
        assert colours.contrast(theme.text, background) >= 4.5, (theme.name, scale.name, step, background)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("scale", SCALES, ids=lambda s: s.name)
def test_verdict_and_chart_inks_are_readable_on_card_and_page(theme, scale):
    for sign in (-1, 0, 1):
        ink = colours.ink(sign, scale, theme)
        assert colours.contrast(ink, theme.card) >= 4.5
        assert colours.contrast(ink, theme.page) >= 4.5


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("scale", SCALES, ids=lambda s: s.name)
def test_the_evidence_underline_stands_out_on_every_tint(theme, scale):
    for background in [theme.page, *(colours.step_colour(step, scale, theme) for step in ALL_STEPS)]:
        assert colours.contrast(theme.evidence, background) >= 3.0, (theme.name, scale.name, background)
    assert theme.evidence not in (scale.negative, scale.positive, scale.negative_dark, scale.positive_dark)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_highlights_and_banner_keep_text_readable(theme):
    for background in (theme.page, theme.card, theme.selection, theme.find, theme.find_current, theme.mention):
        assert colours.contrast(theme.text, background) >= 4.5
    assert colours.contrast(theme.banner_text, theme.banner) >= 4.5
    assert colours.contrast(theme.muted, theme.card) >= 4.5


def test_contrast_matches_wcag_reference_values():
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert colours.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_neutral_is_uncoloured_and_steps_grow_with_strength():
    assert colours.sentence_colour(0.0, colours.RED_GREEN, colours.LIGHT) is None
    assert colours.sentence_colour(colours.NEUTRAL_BAND, colours.RED_GREEN, colours.LIGHT) is None
    assert [colours.step(p) for p in (0.06, 0.2, 0.21, 0.5, 0.8, 1.0)] == [1, 1, 2, 3, 4, 5]
    assert [colours.step(-p) for p in (0.06, 0.5, 1.0)] == [-1, -3, -5]
    # Stronger steps move further from the page colour (lower luminance on light pages).
    for sign in (-1, 1):
        shades = [
            colours.luminance(colours.step_colour(sign * s, colours.RED_GREEN, colours.LIGHT)) for s in range(1, 6)
        ]
        assert shades == sorted(shades, reverse=True)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_red_green_is_red_for_negative_and_green_for_positive(theme):
    red, green, _ = colours.rgb(colours.sentence_colour(-0.7, colours.RED_GREEN, theme))
    assert red > green
    red, green, _ = colours.rgb(colours.sentence_colour(0.7, colours.RED_GREEN, theme))
    assert green > red


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_colour_blind_scale_is_orange_for_negative_and_blue_for_positive(theme):
    red, _, blue = colours.rgb(colours.sentence_colour(-0.7, colours.BLUE_ORANGE, theme))
    assert red > blue
    red, _, blue = colours.rgb(colours.sentence_colour(0.7, colours.BLUE_ORANGE, theme))
    assert blue > red


@settings(max_examples=500, deadline=None)
@given(st.floats(min_value=-1, max_value=1, allow_nan=False))
def test_colour_side_is_the_engines_sign_so_counts_match_what_is_coloured(polarity):
    from desktop.engine import Sentence

    step = colours.step(polarity)
    assert (step > 0) - (step < 0) == Sentence(0, 1, polarity, 0.0).sign
    assert (colours.sentence_colour(polarity, colours.RED_GREEN, colours.LIGHT) is None) == (step == 0)


def test_strength_words_grow_with_the_polarity_and_say_its_side():
    assert [colours.strength(p) for p in (-0.8, -0.45, -0.1, 0.0, 0.05, 0.2, 0.5, 1.0)] == [
        "strongly negative", "clearly negative", "mildly negative", "neutral", "neutral",
        "mildly positive", "clearly positive", "strongly positive"]


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(first: str, second: str) -> float:
    """CIE76 colour difference (delta E): about 2.3 is just noticeable; 20 is plainly another colour."""
    return sum((p - q) ** 2 for p, q in zip(_lab(first), _lab(second))) ** 0.5


@pytest.mark.parametrize("theme", [colours.LIGHT, colours.DARK], ids=lambda t: t.name)
@pytest.mark.parametrize("scale", list(colours.SCALES.values()), ids=lambda s: s.name)
def test_selection_and_highlights_stay_apart_from_every_tint(theme, scale):
    marks = colours.marks(theme, scale)
    tints = [colours.step_colour(step, scale, theme) for step in range(-colours.STEPS, colours.STEPS + 1) if step]
    for name in ("selection", "find", "find_current", "mention"):
        colour = getattr(marks, name)
        assert min(_distance(colour, tint) for tint in [*tints, theme.page]) >= 20, (name, colour)
        assert colours.contrast(theme.text, colour) >= 4.5, (name, colour)
    assert _distance(marks.find, marks.find_current) >= 10
