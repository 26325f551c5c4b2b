"""The reporting app's template tags (`{% load app_tags %}`)."""
