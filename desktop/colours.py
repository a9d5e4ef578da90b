"""Colour themes and the diverging sentiment scales, with WCAG contrast maths.

Pure Python (no Qt): colours are ``#rrggbb`` strings. Every sentence colour is
derived from an engine polarity by :func:`sentence_colour`; the UI never
decides sentiment itself, it only maps a number to a colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.engine import result

STEPS = 5
"""Colour steps on each side of neutral."""

NEUTRAL_BAND = result.NEUTRAL_BAND
"""Sentences with |polarity| at or below this stay uncoloured (the engine counts them neutral)."""


@dataclass(frozen=True)
class Theme:
    """The reader's colours for one appearance (light or dark)."""

    name: str
    dark: bool
    page: str
    text: str
    muted: str
    window: str
    card: str
    border: str
    accent: str
    selection: str
    find: str
    find_current: str
    mention: str
    evidence: str
    """The underline marking the verdict's evidence: at least 3:1 against every tint, in neither scale's hues."""
    banner: str
    banner_text: str


@dataclass(frozen=True)
class Marks:
    """The colours laid over text: the selection, find hits (the current one apart) and a person's mentions."""

    selection: str
    find: str
    find_current: str
    mention: str


@dataclass(frozen=True)
class Scale:
    """A diverging colour scale: one hue for negative, one for positive."""

    name: str
    title: str
    negative: str
    positive: str
    negative_dark: str
    positive_dark: str
    ink: dict[str, tuple[str, str]]
    """Per theme name: (negative, positive) colours for text and chart lines."""
    hues: tuple[str, str]
    """The words for the (negative, positive) hues, for screen readers ("orange", "blue")."""
    marks: dict[str, Marks] | None = None
    """Per theme name: selection and highlight colours that stay apart from this scale's tints, where
    the theme's own would not (None: the theme's own)."""


LIGHT = Theme(
    name="light",
    dark=False,
    page="#fbfaf7",
    text="#1f2328",
    muted="#5b6169",
    window="#eeede9",
    card="#ffffff",
    border="#d6d3cc",
    accent="#2f6690",
    selection="#b9d3ee",
    find="#ffe28a",
    find_current="#ffb347",
    mention="#cfe0ff",
    evidence="#3a2f8f",
    banner="#fde7e5",
    banner_text="#7a1b14",
)
DARK = Theme(
    name="dark",
    dark=True,
    page="#1d1e21",
    text="#e4e2dd",
    muted="#a3a7ad",
    window="#26272b",
    card="#2c2d31",
    border="#3d3f44",
    accent="#8cbcf0",
    selection="#35557a",
    find="#6a5716",
    find_current="#7a4e0f",
    mention="#28456e",
    evidence="#c9b6ff",
    banner="#4a1f1c",
    banner_text="#ffd9d4",
)
THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
TINTS = {"full": 1.0, "soft": 0.5, "off": 0.0}
"""View ▸ Tint Strength: how far sentence tints go from the page ("off": only the sentence under the
pointer or the cursor is tinted)."""


def marks(theme: Theme, scale: Scale) -> Marks:
    """The selection and highlight colours to lay over text tinted in ``scale`` on ``theme``."""
    if scale.marks and theme.name in scale.marks:
        return scale.marks[theme.name]
    return Marks(theme.selection, theme.find, theme.find_current, theme.mention)

RED_GREEN = Scale(
    name="red-green",
    title="Red–green",
    negative="#d73027",
    positive="#1a9850",
    negative_dark="#f46d43",
    positive_dark="#4fb860",
    ink={"light": ("#b42318", "#176c3a"), "dark": ("#ff8f7a", "#7fd88a")},
    hues=("red", "green"),
)
BLUE_ORANGE = Scale(
    name="blue-orange",
    title="Blue–orange (colour-blind safe)",
    negative="#e66101",
    positive="#2166ac",
    negative_dark="#f08a3e",
    positive_dark="#5a9fd8",
    ink={"light": ("#a84300", "#1d5a99"), "dark": ("#ffab6b", "#8ec3f5")},
    hues=("orange", "blue"),
    # The themes' light blue selection reads as a positive tint here, and amber hits vanish on orange.
    marks={"light": Marks(selection="#e8b4f0", find="#fff176", find_current="#c8e86b", mention="#f5a3d8"),
           "dark": Marks(selection="#6d3f7a", find="#5f6a12", find_current="#2f6b3a", mention="#7a3a6a")},
)
SCALES = {scale.name: scale for scale in (RED_GREEN, BLUE_ORANGE)}

# How far each step mixes from the page colour towards the scale's hue.
_STRENGTH = {"light": (0.14, 0.25, 0.36, 0.47, 0.58), "dark": (0.18, 0.26, 0.34, 0.42, 0.50)}


def step(polarity: float) -> int:
    """The signed scale step (-STEPS..STEPS) of a polarity; 0 means neutral."""
    size = abs(polarity)
    if size <= NEUTRAL_BAND:
        return 0
    level = min(STEPS, max(1, math.ceil(size * STEPS - 1e-9)))
    return level if polarity > 0 else -level


def strength(polarity: float) -> str:
    """Words for a polarity: "neutral", or "mildly", "clearly" or "strongly" positive or negative."""
    if abs(polarity) <= NEUTRAL_BAND:
        return "neutral"
    degree = "mildly" if abs(polarity) < 0.3 else "clearly" if abs(polarity) < 0.6 else "strongly"
    return f"{degree} {'positive' if polarity > 0 else 'negative'}"


def step_colour(signed_step: int, scale: Scale, theme: Theme, strength: float = 1.0) -> str | None:
    """The background colour of one scale step, or None for neutral; ``strength`` below 1 mixes it
    that much less far from the page (View ▸ Tint Strength: soft)."""
    if signed_step == 0:
        return None
    if theme.dark:
        hue = scale.positive_dark if signed_step > 0 else scale.negative_dark
    else:
        hue = scale.positive if signed_step > 0 else scale.negative
    return mix(theme.page, hue, strength * _STRENGTH[theme.name][min(STEPS, abs(signed_step)) - 1])


def sentence_colour(polarity: float, scale: Scale, theme: Theme) -> str | None:
    """The background colour for a sentence of this polarity (None: uncoloured)."""
    return step_colour(step(polarity), scale, theme)


def ink(polarity_sign: int, scale: Scale, theme: Theme) -> str:
    """Readable text colour for a sign (-1, 0, 1) on the theme's card and page."""
    if polarity_sign == 0:
        return theme.text
    negative, positive = scale.ink[theme.name]
    return positive if polarity_sign > 0 else negative


def label_sign(label: str) -> int:
    """-1, 0 or 1 for an engine verdict label (mixed is 0)."""
    return {"positive": 1, "negative": -1}.get(label, 0)


def mix(base: str, other: str, amount: float) -> str:
    """``base`` moved ``amount`` (0..1) of the way towards ``other``."""
    a, b = rgb(base), rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def rgb(colour: str) -> tuple[int, int, int]:
    """The (r, g, b) bytes of a ``#rrggbb`` colour."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""

    def linear(byte: int) -> float:
        c = byte / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours (1..21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
