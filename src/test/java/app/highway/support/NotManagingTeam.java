package app.highway.support;

import app.highway.ConsoleServices;
import app.highway.team.ApiToken;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import java.util.List;

/**
 * A console's team services for a test about something else than managing people (the audit log, an agent's
 * console): asking to list tokens or change a person fails the test, since the console under test must not.
 */
public abstract class NotManagingTeam implements ConsoleServices.Team {
    private static AssertionError unexpected(String what) {
        return new AssertionError("this console was not expected to " + what);
    }

    @Override
    public List<ApiToken> tokens() {
        throw unexpected("list tokens");
    }

    @Override
    public IssuedToken addPerson(String user, String name, Role role, String label) {
        throw unexpected("add a person");
    }

    @Override
    public IssuedToken issueToken(String user, String label) {
        throw unexpected("issue a token");
    }

    @Override
    public ApiToken revoke(String tokenId) {
        throw unexpected("revoke a token");
    }

    @Override
    public Person disable(String user) {
        throw unexpected("disable a person");
    }

    @Override
    public Person enable(String user) {
        throw unexpected("enable a person");
    }

    @Override
    public Person changeRole(String user, Role role) {
        throw unexpected("change a role");
    }
}
