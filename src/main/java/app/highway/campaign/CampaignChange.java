package app.highway.campaign;

/**
 * A campaign changed (its state, or a row's): {@code owner} is who created it (null if not known here), so that
 * only the people who may see the campaign are told.
 */
public record CampaignChange(String campaignId, String owner) { }
