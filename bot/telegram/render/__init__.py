"""Telegram HTML for the bot's answers: pledges, chat settings, admin views. Text lives here only."""
