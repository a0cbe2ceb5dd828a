package io.lakelet.glue.crawler;

import io.lakelet.core.events.ObjectEvent;
import io.lakelet.formats.S3Location;
import io.lakelet.glue.catalog.Scope;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.RecrawlBehavior;
import software.amazon.awssdk.services.glue.model.S3Target;

/**
 * What event-mode crawlers hear from S3: the folder of every object created under one of their S3
 * targets is kept (durably, with the crawler) until a crawl that visited it succeeds. Glue reads these
 * events from an SQS queue the user connects; Lakelet takes them from the in-process event bus.
 */
final class EventFolders {
    private final CrawlerStore store;

    EventFolders(CrawlerStore store) {
        this.store = store;
    }

    /** Records the folder of a created object for every event-mode crawler whose S3 targets cover it. */
    void accept(ObjectEvent e) {
        if (!e.created()) {
            return;
        }
        Scope scope = new Scope(e.account(), e.region());
        String path = "s3://" + e.bucket() + "/" + e.key();
        for (Crawler c : store.all(scope)) {
            if (c.recrawlPolicy() == null || c.recrawlPolicy().recrawlBehavior() != RecrawlBehavior.CRAWL_EVENT_MODE
                    || c.targets() == null || !c.targets().hasS3Targets()) {
                continue;
            }
            for (S3Target t : c.targets().s3Targets()) {
                S3Location loc;
                try {
                    loc = S3Location.parse(t.path());
                } catch (IllegalArgumentException ex) {
                    continue;
                }
                if (path.startsWith(loc.toString())) {
                    store.addEventFolder(scope, c.name(), CrawlJob.folderOf(e.bucket(), e.key()));
                    break;
                }
            }
        }
    }
}
