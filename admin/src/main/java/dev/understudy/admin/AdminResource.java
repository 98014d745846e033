package dev.understudy.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * {@code <context root>/api/...}: the node's status and its run-time settings, as JSON. Only users in the role
 * {@code understudy-admin} get here (web.xml). Changes are {@code PUT}s, which a browser never sends across sites
 * without a CORS preflight this resource does not answer. What each call does and answers: {@link AdminOperations}
 * and the module's README.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    @Inject
    AdminOperations operations;

    @Context
    SecurityContext security;

    @GET
    @Path("status")
    public Response status() {
        return response(operations.status());
    }

    /** What happened lately: events newest first, lag samples oldest first. */
    @GET
    @Path("history")
    public Response history() {
        return response(operations.history());
    }

    @GET
    @Path("settings")
    public Response settings() {
        return response(operations.settings());
    }

    /** The mode as {@code ?mode=ASYNC}, or as the body: {@code ASYNC}, {@code "ASYNC"} or {@code {"mode":"ASYNC"}}. */
    @PUT
    @Path("settings/mode")
    public Response setMode(@QueryParam("mode") String mode, String body) {
        return response(operations.setMode(mode != null ? mode : body, user()));
    }

    @PUT
    @Path("settings/batching")
    public Response setBatching(@QueryParam("size") String size, @QueryParam("delayMillis") String delayMillis) {
        return response(operations.setBatching(size, delayMillis, user()));
    }

    /** {@code ?node=node-3}; {@code ?node=} (or none) clears the pairing. */
    @PUT
    @Path("settings/pairing")
    public Response setPairing(@QueryParam("node") String node) {
        return response(operations.setPairing(node, user()));
    }

    /** {@code ?level=FINE}, or the level as the body. */
    @PUT
    @Path("settings/log-level")
    public Response setLogLevel(@QueryParam("level") String level, String body) {
        return response(operations.setLogLevel(level != null ? level : body == null ? null : body.strip(), user()));
    }

    /** {@code ?kind=WEB&scope=/sample&session=<id>}; kind defaults to WEB. */
    @GET
    @Path("explain")
    public Response explain(@QueryParam("kind") String kind, @QueryParam("scope") String scope,
            @QueryParam("session") String session) {
        return response(operations.explain(kind, scope, session));
    }

    private String user() {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? "an unauthenticated caller" : "user " + principal.getName();
    }

    private static Response response(Reply reply) {
        return Response.status(reply.status()).type(JSON).header("Cache-Control", "no-store").entity(reply.json())
                .build();
    }
}
