from briefing.launcher import main

raise SystemExit(main())
