/* librdkafka's mock cluster as a process of its own, for the Kafka
 * benchmark: real brokers on loopback ports that stockstream-cli can reach.
 *   kafka_mock_cluster BROKERS TOPIC:PARTITIONS...
 * prints the bootstrap servers on one line, then serves until its standard
 * input closes; lines "down N" and "up N" there take broker N away and
 * bring it back. Built by bench_kafka.sh with pkg-config rdkafka. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s BROKERS TOPIC:PARTITIONS...\n", argv[0]);
        return 2;
    }
    char why[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, rd_kafka_conf_new(), why, sizeof why);
    rd_kafka_mock_cluster_t* cluster = rk ? rd_kafka_mock_cluster_new(rk, atoi(argv[1])) : NULL;
    if (!cluster) {
        fprintf(stderr, "cannot start the mock cluster: %s\n", rk ? "mock" : why);
        return 1;
    }
    for (int i = 2; i < argc; ++i) {
        char* colon = strchr(argv[i], ':');
        if (!colon)
            continue;
        *colon = '\0';
        rd_kafka_mock_topic_create(cluster, argv[i], atoi(colon + 1), 1);
    }
    printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
    fflush(stdout);
    char line[64];
    int broker = 0;
    while (fgets(line, sizeof line, stdin)) {
        if (sscanf(line, "down %d", &broker) == 1)
            rd_kafka_mock_broker_set_down(cluster, broker);
        else if (sscanf(line, "up %d", &broker) == 1)
            rd_kafka_mock_broker_set_up(cluster, broker);
    }
    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(rk);
    return 0;
}
