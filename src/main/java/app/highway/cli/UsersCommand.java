package app.highway.cli;

import app.highway.config.AppConfig;
import app.highway.store.SqlTeamStore;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.Audit;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Refusal;
import app.highway.team.Role;
import app.highway.team.Team;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code highway users …}: people and their tokens from the command line, on the bridge's own
 * database (the same configuration: {@code HIGHWAY_DATA_DIR}), also while a bridge runs on it. A
 * token it revokes is refused by the running bridge from its next request on. It acts as the owner
 * (whoever can read the bridge's data dir can read its own token too), and every change is audited
 * like one made through the API.
 */
@Command(name = "highway users", synopsisSubcommandLabel = "(add | list | token | revoke | disable | enable | role)",
        description = {"People and their API tokens on a shared bridge (team mode).",
            "Works on the bridge's database (HIGHWAY_DATA_DIR), also while the bridge runs."},
        footer = {"", "Roles: agent (places calls, sees their own), supervisor (sees and hangs up any call, edits "
                + "settings and system messages, reads the audit log), admin (also manages people and tokens).",
            "A token is shown once, when it is made: only its hash is kept.",
            "", "Exit codes: 0 done, 1 refused (no such person or token, the name is taken, already revoked or "
                + "disabled, already that role), 2 wrong usage, 3 the database could not be opened or written.",
            "Each command's own help: highway users <command> --help"})
public final class UsersCommand {
    public static final int DONE = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int STORE_FAILED = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Supplier<SqlTeamStore> store;
    private final Clock clock;
    private final ZoneId zone;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    UsersCommand(Supplier<SqlTeamStore> store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** Runs {@code highway users <args>} on the configured bridge's database; returns the exit code. */
    public static int run(List<String> args, AppConfig config, Terminal terminal) {
        return run(args, () -> SqlTeamStore.open(config.database(), config.dataDir()), Clock.systemUTC(), ZoneId.systemDefault(),
                terminal);
    }

    static int run(List<String> args, Supplier<SqlTeamStore> store, Clock clock, ZoneId zone, Terminal terminal) {
        CommandLine line = new CommandLine(new UsersCommand(store, clock, zone));
        line.setOut(terminal.out());
        line.setErr(terminal.err());
        line.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof Refusal refused) {
                cl.getErr().println("highway users: " + refused.getMessage());
                return REFUSED;
            }
            cl.getErr().println("highway users: the database could not be used: " + e.getMessage());
            return STORE_FAILED;
        });
        if (args.isEmpty()) {
            line.usage(terminal.err());
            return USAGE;
        }
        return line.execute(args.toArray(String[]::new));
    }

    @Command(name = "add", description = "Adds a person and prints their first token (shown once).")
    public int add(@Parameters(paramLabel = "<user>",
            description = "the user name: lower-case letters, digits, . _ -") String user,
            @Option(names = "--role", required = true, paramLabel = "agent|supervisor|admin",
                    converter = RoleConverter.class, description = "what they may do") Role role,
            @Option(names = "--name", paramLabel = "\"Full Name\"", description = "their name, for people "
                    + "(default: the user name)") String name,
            @Option(names = "--label", paramLabel = "\"laptop\"", description = "what the token is for "
                    + "(default: token)") String label) {
        return withTeam(team -> {
            Person person = team.addPerson(Actor.OWNER, user, name, role);
            IssuedToken token = team.issueToken(Actor.OWNER, person.user(), label);
            out().println("Added " + person.user() + " (" + person.name() + "), " + person.role().wireName() + ".");
            printToken(token);
            return DONE;
        });
    }

    @Command(name = "list", description = "Lists everyone and their tokens (never the tokens themselves).")
    public int list() {
        return withTeam(team -> {
            List<Person> people = team.people(Actor.OWNER);
            if (people.isEmpty()) {
                out().println("No people yet. Add one: highway users add alice --role agent --name \"Alice\"");
                return DONE;
            }
            Map<String, List<ApiToken>> tokens = team.tokens(Actor.OWNER, null).stream()
                    .collect(Collectors.groupingBy(ApiToken::user));
            int userWidth = Math.max(4, people.stream().mapToInt(p -> p.user().length()).max().orElse(4));
            int nameWidth = Math.max(4, people.stream().mapToInt(p -> p.name().length()).max().orElse(4));
            String row = "%-" + userWidth + "s  %-10s  %-" + nameWidth + "s  %-16s  %s%n";
            out().printf(row, "USER", "ROLE", "NAME", "ADDED", "STATUS");
            for (Person p : people) {
                out().printf(row, p.user(), p.role().wireName(), p.name(), when(p.createdAt()),
                        p.disabled() ? "disabled " + when(p.disabledAt()) : "active");
                for (ApiToken t : tokens.getOrDefault(p.user(), List.of())) {
                    out().println("    " + t.id() + "  \"" + t.label() + "\"  made " + when(t.createdAt())
                            + "  last used " + (t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()))
                            + (t.revoked() ? "  REVOKED " + when(t.revokedAt()) : ""));
                }
            }
            return DONE;
        });
    }

    @Command(name = "token", description = "Makes a new token for a person and prints it (shown once).")
    public int token(@Parameters(paramLabel = "<user>") String user,
            @Option(names = "--label", paramLabel = "\"laptop\"", description = "what the token is for "
                    + "(default: token)") String label) {
        return withTeam(team -> {
            printToken(team.issueToken(Actor.OWNER, user, label));
            return DONE;
        });
    }

    @Command(name = "revoke", description = "Revokes a token: refused from its next request on.")
    public int revoke(@Parameters(paramLabel = "<token-id>", description = "tok_…, as users list shows it")
            String id) {
        return withTeam(team -> {
            ApiToken t = team.revoke(Actor.OWNER, id);
            out().println("Revoked " + t.id() + " (" + t.user() + "'s \"" + t.label() + "\").");
            return DONE;
        });
    }

    @Command(name = "disable", description = "Disables a person: none of their tokens is accepted any more.")
    public int disable(@Parameters(paramLabel = "<user>") String user) {
        return withTeam(team -> {
            Person p = team.disable(Actor.OWNER, user);
            out().println("Disabled " + p.user() + ": none of their tokens is accepted any more.");
            return DONE;
        });
    }

    @Command(name = "enable", description = "Lets a disabled person act again: their tokens that were not revoked "
            + "are accepted again.")
    public int enable(@Parameters(paramLabel = "<user>") String user) {
        return withTeam(team -> {
            Person p = team.enable(Actor.OWNER, user);
            long accepted = team.tokens(Actor.OWNER, p.user()).stream().filter(t -> !t.revoked()).count();
            out().println("Enabled " + p.user() + " (" + p.role().wireName() + "): " + accepted + " token"
                    + (accepted == 1 ? " is" : "s are") + " accepted again"
                    + (accepted == 0 ? "; make one with: highway users token " + p.user() : "."));
            return DONE;
        });
    }

    @Command(name = "role", description = "Gives a person another role, from their next request on (their open "
            + "consoles are disconnected, to connect again).")
    public int role(@Parameters(index = "0", paramLabel = "<user>") String user,
            @Parameters(index = "1", paramLabel = "agent|supervisor|admin", converter = RoleConverter.class,
                    description = "the new role") Role role) {
        return withTeam(team -> {
            Person p = team.changeRole(Actor.OWNER, user, role);
            out().println(p.user() + " is now " + (role == Role.SUPERVISOR ? "a " : "an ") + role.wireName() + ".");
            return DONE;
        });
    }

    private void printToken(IssuedToken issued) {
        ApiToken t = issued.token();
        out().println("Token " + t.id() + " for " + t.user() + " (\"" + t.label() + "\"). It is shown only now: "
                + "give it to " + t.user() + " and keep no copy.");
        out().println(issued.secret());
    }

    /**
     * Opens the database, runs {@code work} with the team's rules over it, closes it. A refusal or a
     * failure of the database reaches the handler {@link #run} set, which says so and picks the exit code.
     */
    private int withTeam(Function<Team, Integer> work) {
        try (SqlTeamStore db = store.get()) {
            return work.apply(new Team(db.people(), new Audit(db.audit(), clock), clock));
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    /** {@code agent}, {@code supervisor} or {@code admin}, in any case. */
    public static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a role: agent, supervisor or admin"));
        }
    }
}
