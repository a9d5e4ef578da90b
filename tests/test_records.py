"""The records' JSON forms: every field of a record is declared in its form."""

from __future__ import annotations

from dataclasses import fields

import pytest

from desktop.app.records import BODY, EVIDENCE, NUMBERS, PERSON, ROW_FIELDS, SENTENCE, VERDICT


@pytest.mark.parametrize(("form", "left_out"), [
    (BODY, {"name", "size"}),  # not in the form: analysis_from_json's caller gives them
    (SENTENCE, set()), (PERSON, set()), (VERDICT, set()), (EVIDENCE, set()),
])
def test_every_field_of_a_record_is_in_its_json_form(form, left_out):
    assert set(form.kinds) == {item.name for item in fields(form.record)} - left_out


def test_the_numbers_are_fields_of_a_library_row():
    assert set(NUMBERS.kinds) <= set(ROW_FIELDS)
