"""Tests of the fillmore package against the real service (started by the tests, on 127.0.0.1)."""
