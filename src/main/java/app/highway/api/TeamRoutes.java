package app.highway.api;

import app.highway.team.ApiToken;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.team.Team;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * People, their tokens and the audit log: {@code GET/POST /people}, {@code POST /people/{user}/disable},
 * {@code …/enable}, {@code …/role}, {@code POST /people/{user}/tokens}, {@code GET /tokens}, {@code POST /tokens/{id}/revoke} (admins) and
 * {@code GET /audit} (supervisors). Who may do what is {@link Team}'s and {@link Audit}'s to decide; a
 * refusal comes back as 403. A new token is in its answer once, never again (and never cached:
 * {@code Cache-Control: no-store}).
 */
final class TeamRoutes {
    private final Team team;
    private final Audit audit;
    private final ObjectMapper json;
    private final Replies replies;

    TeamRoutes(Team team, Audit audit, ObjectMapper json, Replies replies) {
        this.team = team;
        this.audit = audit;
        this.json = json;
        this.replies = replies;
    }

    /** A person as the API shows them. */
    record PersonJson(String user, String name, String role, Instant createdAt, boolean disabled,
            Instant disabledAt) {
        static PersonJson of(Person p) {
            return new PersonJson(p.user(), p.name(), p.role().wireName(), p.createdAt(), p.disabled(),
                    p.disabledAt());
        }
    }

    /** A token as the API lists it: never its secret; {@code token} only in the answer that made it. */
    record TokenJson(String id, String user, String label, Instant createdAt, Instant lastUsedAt, boolean revoked,
            Instant revokedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String token) {
        static TokenJson of(ApiToken t) {
            return new TokenJson(t.id(), t.user(), t.label(), t.createdAt(), t.lastUsedAt(), t.revoked(),
                    t.revokedAt(), null);
        }

        static TokenJson issued(IssuedToken issued) {
            ApiToken t = issued.token();
            return new TokenJson(t.id(), t.user(), t.label(), t.createdAt(), null, false, null, issued.secret());
        }
    }

    void listPeople(RoutingContext ctx) {
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("people",
                team.people(actor).stream().map(PersonJson::of).toList())));
    }

    /**
     * {@code {"user": "alice", "role": "agent", "name"?: "Alice Liddell", "label"?: "laptop"}}: adds the
     * person and gives them their first token, shown in this answer only.
     */
    void addPerson(RoutingContext ctx) {
        JsonNode body = object(ctx);
        Actor actor = Access.actor(ctx);
        String user = text(body, "user");
        if (user == null) {
            throw new BadRequest("invalid_user", "'user' is required: {\"user\": \"alice\", \"role\": \"agent\"}");
        }
        Role role = Role.parse(text(body, "role")).orElseThrow(() -> new BadRequest("invalid_role",
                "'role' must be agent, supervisor or admin"));
        replies.blocking(ctx, () -> {
            Person person = team.addPerson(actor, user, text(body, "name"), role);
            IssuedToken token = team.issueToken(actor, person.user(), text(body, "label"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("person", PersonJson.of(person));
            answer.put("token", TokenJson.issued(token));
            return replies.jsonReply(201, answer).header("Cache-Control", "no-store");
        });
    }

    void disablePerson(RoutingContext ctx) {
        String user = ctx.pathParam("user");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("person",
                PersonJson.of(team.disable(actor, user)))));
    }

    void enablePerson(RoutingContext ctx) {
        String user = ctx.pathParam("user");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("person",
                PersonJson.of(team.enable(actor, user)))));
    }

    /** {@code {"role": "supervisor"}}: from the person's next request on; their open event streams close. */
    void changeRole(RoutingContext ctx) {
        String user = ctx.pathParam("user");
        JsonNode body = object(ctx);
        Role role = Role.parse(text(body, "role")).orElseThrow(() -> new BadRequest("invalid_role",
                "'role' must be agent, supervisor or admin: {\"role\": \"supervisor\"}"));
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("person",
                PersonJson.of(team.changeRole(actor, user, role)))));
    }

    /** {@code {"label"?: "laptop"}} (or no body): a new token for the person, shown in this answer only. */
    void issueToken(RoutingContext ctx) {
        String user = ctx.pathParam("user");
        JsonNode body = Requests.body(ctx).length() == 0 ? json.createObjectNode() : object(ctx);
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(201, TokenJson.issued(team.issueToken(actor, user,
                text(body, "label")))).header("Cache-Control", "no-store"));
    }

    /** {@code GET /tokens?user=alice}: every token (or one person's), never their secrets. */
    void listTokens(RoutingContext ctx) {
        String user = Requests.queryParams(ctx).apply("user");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("tokens",
                team.tokens(actor, user == null || user.isBlank() ? null : user).stream().map(TokenJson::of)
                        .toList())));
    }

    void revokeToken(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("token", TokenJson.of(team.revoke(actor, id)))));
    }

    /** {@code GET /audit?user=&action=&limit=&cursor=}: newest first, paged like {@code /calls}. */
    void audit(RoutingContext ctx) {
        Function<String, String> query = Requests.queryParams(ctx);
        int limit = HistoryQuery.limit(query.apply("limit"), 100, AuditQuery.MAX_LIMIT);
        AuditQuery q = new AuditQuery(blankToNull(query.apply("user")), blankToNull(query.apply("action")), limit,
                blankToNull(query.apply("cursor")));
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            var page = audit.read(actor, q);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("entries", page.entries());
            body.put("nextCursor", page.nextCursor());
            return replies.jsonReply(200, body);
        });
    }

    /** The request's body as a JSON object, or a 415/400 that says what to send. */
    private JsonNode object(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type",
                    "Send the body as JSON with Content-Type: application/json");
        }
        Buffer raw = Requests.body(ctx);
        JsonNode body;
        try {
            body = json.readTree(raw.getBytes());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("malformed_json", "The body is not a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequest("invalid_" + field, "'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
