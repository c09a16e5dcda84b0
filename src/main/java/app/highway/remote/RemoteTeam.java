package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the console acts as, the people on the bridge ({@code GET /people}), the audit log ({@code GET /audit}), and
 * managing people and tokens over the same admin endpoints as any client ({@code POST /people}, {@code GET /tokens},
 * {@code POST /tokens/{id}/revoke}, …): the bridge decides and audits, a refusal comes back as a {@code Refusal}.
 */
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

    record PersonAnswer(PersonJson person) { }

    record TokenJson(String id, String user, String label, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
            String token) {
        ApiToken apiToken() {
            return new ApiToken(id, user, label, createdAt, lastUsedAt, revokedAt);
        }

        /** A token just made: its secret is in this answer only. */
        IssuedToken issued() {
            if (token == null || token.isEmpty()) {
                throw new BridgeUnavailable("The bridge made token " + id + " but did not send it: is it the same "
                        + "version? Revoke " + id + " and try again", null);
            }
            return new IssuedToken(apiToken(), token);
        }
    }

    record Tokens(List<TokenJson> tokens) { }

    record TokenAnswer(TokenJson token) { }

    record Added(PersonJson person, TokenJson token) { }

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
    public List<ApiToken> tokens() {
        return http.read(http.get("/tokens"), Tokens.class).tokens().stream().map(TokenJson::apiToken).toList();
    }

    @Override
    public IssuedToken addPerson(String user, String name, Role role, String label) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("role", role.wireName());
        putIfSet(body, "name", name);
        putIfSet(body, "label", label);
        return http.read(http.post("/people", body), Added.class).token().issued();
    }

    @Override
    public IssuedToken issueToken(String user, String label) {
        Map<String, String> body = new LinkedHashMap<>();
        putIfSet(body, "label", label);
        return http.read(http.post("/people/" + BridgeHttp.encode(user) + "/tokens", body), TokenJson.class).issued();
    }

    @Override
    public ApiToken revoke(String tokenId) {
        return http.read(http.post("/tokens/" + BridgeHttp.encode(tokenId) + "/revoke", null), TokenAnswer.class)
                .token().apiToken();
    }

    @Override
    public Person disable(String user) {
        return personAnswer(http.post("/people/" + BridgeHttp.encode(user) + "/disable", null));
    }

    @Override
    public Person enable(String user) {
        return personAnswer(http.post("/people/" + BridgeHttp.encode(user) + "/enable", null));
    }

    @Override
    public Person changeRole(String user, Role role) {
        return personAnswer(http.post("/people/" + BridgeHttp.encode(user) + "/role", Map.of("role",
                role.wireName())));
    }

    private Person personAnswer(com.fasterxml.jackson.databind.JsonNode answer) {
        return http.read(answer, PersonAnswer.class).person().person();
    }

    private static void putIfSet(Map<String, String> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
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
