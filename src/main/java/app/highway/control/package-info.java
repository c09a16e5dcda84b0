/**
 * What a person does to the bridge, each action checked against their role and written to the
 * audit log: placing and hanging up calls, deleting records, settings, prices and the system
 * message. The API and the console both act through here, so the rules and the audit are the same
 * wherever an action comes from.
 */
package app.highway.control;
