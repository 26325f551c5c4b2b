"""The writes of performance packs: ``requests`` (asking for one) and ``build`` (making it)."""
