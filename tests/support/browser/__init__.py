"""Headless Chromium for the page tests: Debian's `chromium`, driven by Playwright for Python."""
