"""The running product around the pure core: configuration, the wiring of `run`, and four rooms.

- `bot.telegram`: the Telegram interface (commands, buttons, rendering of answers).
- `bot.alerts`: delivery of the outbox (alerts, notices, digests) to Telegram or the console.
- `bot.cli`: the `pledgewatch` command line.
- `bot.ops`: what an operator sees of `run`: `/healthz`, `/metrics`, the web server, the poll-round log.

`app`, `config`, `services` and `logging` are shared by the rooms; `html` and `render_news` are
the Telegram-HTML pieces both the interface and the alerts render with.
"""
