"""The public pages: what the partnership has published, for residents, with no sign-in."""
