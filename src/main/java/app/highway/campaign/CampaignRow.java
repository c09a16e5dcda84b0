package app.highway.campaign;

import java.util.Map;

/**
 * One good row of a list: its line in the file (the header is line 1), the number in E.164, the code to read
 * out, an optional note and the other columns as template variables.
 */
public record CampaignRow(int line, String to, String verification, String note, Map<String, String> variables) {
    public CampaignRow {
        variables = Map.copyOf(variables);
    }
}
