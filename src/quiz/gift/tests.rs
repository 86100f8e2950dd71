//! Unit tests of the GIFT reader and writer (the fixtures are tested in tests/gift).
