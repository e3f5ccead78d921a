package org.replprov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.replprov.config.ConfigurationException;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.server.Lab;
import org.replprov.server.LogSetup;
import org.replprov.server.config.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov lab [--members N]}: starts a hub and its branches in this process ({@link Lab}), prints what an
 * operator needs to try them (each member's URL, the account, commands that work as printed), and runs until SIGTERM
 * or SIGINT, then stops every member as {@code serve} stops.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run a hub and branches in one process on 127.0.0.1, to try repsTo and notifications.",
        footer = {"%nMember 1 (hub) keeps the folder " + Lab.FOLDER + "; the others (branch1, …) mirror it over "
                + "file:// (the members share this machine's disk) and speak the peer protocol with the hub over "
                + "HTTPS: each announces itself, so the hub shows an outbound connection and a ReplProv_RepsTo entry "
                + "per branch, and notifies them of changes. The lab keeps its certificate, account and state in DIR; "
                + "a later start on DIR reuses them.",
            "Exit: 130 after Ctrl-C and 143 after SIGTERM, once every member has stopped; 1 when a member cannot "
                + "start; 2 for bad options or a DIR that holds something else."})
final class LabCommand implements Callable<Integer> {

    /** Words a POSIX shell takes as they are; anything else is single-quoted. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    @Option(names = "--members", paramLabel = "N", defaultValue = "3",
            description = "Members: the hub and N-1 branches, " + Lab.MIN_MEMBERS + " to " + Lab.MAX_MEMBERS
                    + " (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--port", paramLabel = "P", defaultValue = "5990",
            description = "The hub's port; branch k listens on P+k. 0: free ports (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "lab",
            description = "Where the lab keeps its files; reused when it holds a lab (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Lab.Options options;
        try {
            options = new Lab.Options(members, dir, port);
        } catch (IllegalArgumentException e) {
            err.println("replprov lab: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        LogSetup.apply(new DaemonConfig.Log("info", "text"));
        Lab lab;
        try {
            lab = Lab.start(options, Clock.systemUTC());
        } catch (ConfigurationException e) {
            err.println("replprov lab: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            err.println("replprov lab: " + e.getMessage());
            return 1;
        }
        UntilStopped stopped = UntilStopped.onSignal(lab::close);
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(lab));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The operator's table: the members, the account, and commands to paste, one per line. */
    static String describe(Lab lab) {
        StringBuilder sb = new StringBuilder();
        sb.append("replprov lab: ").append(lab.members().size()).append(" members of the replication group ")
                .append(Lab.GROUP).append(", folder ").append(Lab.FOLDER).append(", state in ")
                .append(lab.directory()).append(lab.resumed()
                        ? " (reused from the last run: its repsTo list, replicas and account)" : " (new)")
                .append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Lab.Member m : lab.members()) {
            rows.add(List.of(m.name(), m.hub() ? "hub" : "branch", m.url().toString(), m.folder().toString()));
        }
        StringWriter table = new StringWriter();
        new Output(ClientCommand.Format.table, new PrintWriter(table)).rows(List.of("Member", "Role", "URL",
                "Replica folder"), rows);
        sb.append(table.toString().indent(2));
        sb.append("\nAccount: ").append(Lab.USER).append(", password ").append(lab.password())
                .append(" (operator role; also in ").append(lab.passwordFile()).append(")\n");
        sb.append("Certificate of every member (self-signed): ").append(lab.certificate()).append("\n\n");

        Lab.Member hub = lab.hub();
        Lab.Member branch = lab.branches().get(0);
        sb.append("Try (each line runs as printed):\n");
        sb.append("  # the hub's connections: one outbound per branch\n");
        sb.append("  ").append(client(lab, "query", hub, "-o", "table",
                "SELECT PartnerName, Inbound, State FROM DfsrConnectionInfo")).append('\n');
        sb.append("  # the hub's repsTo list (MS-DRSR): the branches it notifies of changes, and the last results\n");
        sb.append("  ").append(client(lab, "query", hub, "-o", "table", "-n", RepsToSchema.NAMESPACE,
                "SELECT NaDsa, ConsecutiveFailures, TimeLastSuccess FROM " + RepsToSchema.CLASS)).append('\n');
        Path hubFile = hub.folder().resolve("hello.txt");
        sb.append("  # drop a file into the hub's folder: the hub notifies the branches, and it arrives at once\n");
        sb.append("  echo hello > ").append(quote(hubFile.toString())).append('\n');
        sb.append("  ls");
        lab.branches().forEach(b -> sb.append(' ').append(quote(b.folder().toString())));
        sb.append('\n');
        String connection = branch.backend().objectManager()
                .enumerateInstanceNames(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).get(0).relative().toWmiPath();
        sb.append("  # ").append(branch.name()).append(" replicates from the hub now (Sync Now for 5 minutes)\n");
        sb.append("  ").append(client(lab, "invoke", branch, connection, "ForceReplication", "Mode=2",
                "DurationInMin=5", "Bandwidth=15")).append('\n');
        sb.append("\nCtrl-C stops the lab; its state stays in ").append(lab.directory())
                .append(" for the next start.\n");
        return sb.toString();
    }

    /** A client command for {@code member}, with the lab's account and certificate. */
    private static String client(Lab lab, String command, Lab.Member member, String... rest) {
        List<String> words = new ArrayList<>(List.of("./replprov", command, "--url", member.url().toString(),
                "--cacert", lab.certificate().toString(), "--user", Lab.USER,
                "--password-file", lab.passwordFile().toString()));
        words.addAll(List.of(rest));
        return String.join(" ", words.stream().map(LabCommand::quote).toList());
    }

    static String quote(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
