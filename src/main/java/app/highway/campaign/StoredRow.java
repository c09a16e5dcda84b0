package app.highway.campaign;

/** A row as the store holds it: what was imported (the code is gone once the row is final) and its standing. */
public record StoredRow(CampaignRow row, RowProgress progress) { }
