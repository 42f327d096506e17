"""The running product around the pure core: configuration, the wiring of `run`, and three rooms.

- `bot.telegram`: the Telegram interface (commands, buttons, rendering of answers).
- `bot.alerts`: delivery of the outbox (alerts, notices, digests) to Telegram or the console.
- `bot.cli`: the `pledgewatch` command line.

`app`, `config`, `services` and `logging` are shared by all three; `html` and `render_news` are
the Telegram-HTML pieces both the interface and the alerts render with.
"""
