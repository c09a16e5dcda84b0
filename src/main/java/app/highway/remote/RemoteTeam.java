package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.team.Actor;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.Person;
import app.highway.team.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who the console acts as, the people on the bridge ({@code GET /people}) and the audit log ({@code GET /audit}). */
final class RemoteTeam implements ConsoleServices.Team {
    private final BridgeHttp http;
    private final Actor actor;

    RemoteTeam(BridgeHttp http, Actor actor) {
        this.http = http;
        this.actor = actor;
    }

    record PersonJson(String user, String name, String role, Instant createdAt, Instant disabledAt) {
        Person person() {
            return new Person(user, name, Role.parse(role).orElse(Role.AGENT), createdAt, disabledAt);
        }
    }

    record People(List<PersonJson> people) { }

    record Audit(List<AuditEntry> entries, String nextCursor) { }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public List<Person> people() {
        if (!actor.maySupervise()) {
            return List.of();
        }
        return http.read(http.get("/people"), People.class).people().stream().map(PersonJson::person).toList();
    }

    @Override
    public AuditPage audit(AuditQuery q) {
        List<String> params = new ArrayList<>();
        if (q.user() != null) {
            params.add("user=" + BridgeHttp.encode(q.user()));
        }
        if (q.action() != null) {
            params.add("action=" + BridgeHttp.encode(q.action()));
        }
        params.add("limit=" + q.limit());
        if (q.cursor() != null) {
            params.add("cursor=" + BridgeHttp.encode(q.cursor()));
        }
        Audit page = http.read(http.get("/audit?" + String.join("&", params)), Audit.class);
        return new AuditPage(page.entries(), page.nextCursor());
    }
}
