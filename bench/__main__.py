"""``make bench``: run every benchmark and print its ``figure:`` lines."""

from __future__ import annotations

from bench import (
    agreement,
    card_to_screen,
    clips,
    credit,
    dashboard,
    db_writer,
    hall,
    jobs_list,
    load,
    longpoll,
    matching,
    pull_checks,
    qrlogin,
    signing,
    startup,
    station,
    sync,
    throughput,
    training,
    voice,
)

if __name__ == "__main__":
    startup.main()
    card_to_screen.main()
    matching.main()
    jobs_list.main()
    sync.main()
    longpoll.main()
    load.main()
    throughput.main()
    qrlogin.main()
    db_writer.main()
    pull_checks.main()
    voice.main()
    clips.main()
    agreement.main()
    signing.main()
    credit.main()
    training.main()
    dashboard.main()
    hall.main()
    station.main()
