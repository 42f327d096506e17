"""Command and button handlers, one module per family; `bot.telegram_app` registers them all."""
