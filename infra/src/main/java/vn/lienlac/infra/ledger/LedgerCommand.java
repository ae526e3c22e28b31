package vn.lienlac.infra.ledger;

import picocli.CommandLine.Command;

@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = {"Sổ cái / the payments ledger.", "Needs LIENLAC_PG_URL (or --pg-url) with migrations applied."},
    subcommands = {LedgerVerifyCommand.class})
public final class LedgerCommand {}
