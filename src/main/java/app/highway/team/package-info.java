/**
 * People on a shared bridge (team mode): roles, who is acting, and what each may see and do.
 * Knows nothing of HTTP, SQL or JavaFX.
 */
package app.highway.team;
