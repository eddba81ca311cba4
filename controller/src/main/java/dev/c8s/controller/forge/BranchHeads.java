package dev.c8s.controller.forge;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** Reads a branch's head commit from the provider, with a RepositoryConnection's credentials. */
@ApplicationScoped
public class BranchHeads {
  private final KubernetesClient client;
  private final ForgeClient forge;

  BranchHeads(KubernetesClient client, ForgeClient forge) {
    this.client = client;
    this.forge = forge;
  }

  /** The head of {@code branch} in {@code connection}'s repository. */
  public BranchHead of(RepositoryConnection connection, String branch) {
    String namespace = connection.getMetadata().getNamespace();
    String secretName = connection.getSpec().getAuthSecretRef();
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    ForgeCredentials credentials = secret == null ? null : ForgeCredentials.from(secret);
    if (credentials == null) {
      return new BranchHead.Refused(
          ScheduleReason.NoCredentials,
          "Secret "
              + namespace
              + "/"
              + secretName
              + " (authSecretRef of RepositoryConnection "
              + connection.getMetadata().getName()
              + ") does not exist or has no key token or password; store an API token that can"
              + " read the repository");
    }
    ForgeRepository repository = ForgeRepository.of(connection.getSpec());
    try {
      ForgeClient.Exchange answer =
          forge.exchange(BranchHeadRequests.of(repository, credentials, branch));
      return BranchHeadRequests.read(
          repository.provider(), branch, answer.status(), answer.body(), secretName);
    } catch (IOException e) {
      return new BranchHead.Unavailable(
          ForgeAnswers.name(repository.provider())
              + " could not be reached at "
              + repository.api()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new BranchHead.Unavailable("interrupted");
    }
  }
}
