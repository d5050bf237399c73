"""gc-cli: plan an organisation's social-media posts as code."""

__version__ = "0.1.0"
