package dev.c8s.model.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Links a Git repository to c8s: provider, webhook secret, credentials and default pipeline. */
@Group(C8s.GROUP)
@Version(C8s.VERSION)
@Kind("RepositoryConnection")
@Plural("repositoryconnections")
@Singular("repositoryconnection")
// "rc" is the seed's short name; it collides with ReplicationController, so "repoconn" is added.
@ShortNames({"rc", "repoconn"})
// Seed 001's index of connections by repository: kubectl get rc --field-selector
// spec.repository=...
@AdditionalSelectableField(jsonPath = ".spec.repository")
public class RepositoryConnection
    extends CustomResource<RepositoryConnectionSpec, RepositoryConnectionStatus>
    implements Namespaced {

  // Overridden only to mark spec as required in the generated schema.
  @Override
  @Required
  public RepositoryConnectionSpec getSpec() {
    return super.getSpec();
  }
}
