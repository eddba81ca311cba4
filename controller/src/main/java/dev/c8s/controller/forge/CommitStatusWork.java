package dev.c8s.controller.forge;

import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.RepositoryConnection;

/**
 * A report waiting to be sent.
 *
 * @param recorded what the run recorded when the report was offered (null: nothing yet)
 */
record CommitStatusWork(
    String namespace,
    String name,
    String uid,
    CommitReport report,
    RepositoryConnection connection,
    CommitStatusReport recorded) {}
