"""Shared fixtures: the record schema as a compiled validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

# The project's copy of shared/schema/record.schema.json (tests/test_schema.py keeps the two equal), so
# that a checkout without the shared folder beside it still validates every record.
SCHEMA_PATH = Path(__file__).parents[2] / "hotich" / "schema" / "record.schema.json"


@pytest.fixture(scope="session")
def record_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
