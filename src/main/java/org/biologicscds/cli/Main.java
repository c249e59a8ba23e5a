package org.biologicscds.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar biologics-cds.jar <command>}: serve, evaluate, check-knowledge, rules-doc, feedback-report. */
@Command(name = "biologics-cds", mixinStandardHelpOptions = true, version = "biologics-cds 0.1.0",
        description = "CDS Hooks 2.0 service that checks orders for biologic drugs.",
        subcommands = {ServeCommand.class, EvaluateCommand.class, CheckKnowledgeCommand.class,
            RulesDocCommand.class, FeedbackReportCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
