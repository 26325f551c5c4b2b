"""Signals the indicators app sends, for the apps above it to act on (the public pages
read afresh); ``indicators`` never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that may have changed which values are approved: values
# approved or their approval taken back (a return approved or reopened), or an import
# saved (published data is approved as it is imported). No arguments.
approved_values_changed = Signal()
