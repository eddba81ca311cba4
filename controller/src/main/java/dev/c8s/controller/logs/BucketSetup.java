package dev.c8s.controller.logs;

import dev.c8s.controller.config.StorageSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the log and artifact buckets at startup when asked to (dev loop, tests). */
@ApplicationScoped
public class BucketSetup {
  private static final Logger LOG = Logger.getLogger(BucketSetup.class);

  // The S3 client is built only when the buckets are to be created: building it costs start-up
  // time a production controller (create-buckets off) does not need to spend before it is ready.
  void onStart(@Observes StartupEvent event, StorageSettings storage, Instance<S3Client> client) {
    if (!storage.createBuckets()) {
      return;
    }
    S3Client s3 = client.get();
    for (String bucket : List.of(storage.logsBucket(), storage.artifactsBucket())) {
      try {
        s3.headBucket(r -> r.bucket(bucket));
      } catch (NoSuchBucketException missing) {
        create(s3, bucket);
      }
    }
  }

  private static void create(S3Client s3, String bucket) {
    try {
      s3.createBucket(r -> r.bucket(bucket));
      LOG.infof("created bucket %s", bucket);
    } catch (BucketAlreadyOwnedByYouException raced) {
      // Another replica starting at the same moment created it first: the bucket is there.
      LOG.debugf("bucket %s was created concurrently", bucket);
    }
  }
}
