import java.lang.reflect.Field;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Runs DynamoDB Local as its own main does, but listening on 127.0.0.1 only.
 *
 * <p>DynamoDB Local has no host option: its Jetty server is made from a port alone, so it listens
 * on every interface, and any machine on the network could read and change the local tables. The
 * server is built here, its connectors are moved to loopback, and only then is it started, so no
 * socket is ever open on another interface.
 *
 * <p>Run with Java's single-file source launch and DynamoDBLocal.jar on the class path (its
 * manifest brings Jetty and the rest); the arguments are DynamoDB Local's own.
 */
public final class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    // Parses the options, prints the configuration and sets up the handler exactly as `-jar` does.
    DynamoDBProxyServer dynamoDb = ServerRunner.createServerFromCommandLineArgs(args);
    bindToLoopback(jettyOf(dynamoDb));
    dynamoDb.start();
  }

  /**
   * The Jetty server is private and has no getter. It is found by its type, not its name, so a
   * renamed field still works; if it cannot be found at all this fails rather than starting a
   * server open to the network.
   */
  private static Server jettyOf(DynamoDBProxyServer dynamoDb) throws ReflectiveOperationException {
    for (Field field : DynamoDBProxyServer.class.getDeclaredFields()) {
      if (field.getType() == Server.class) {
        field.setAccessible(true);
        return (Server) field.get(dynamoDb);
      }
    }
    throw new NoSuchFieldException("DynamoDB Local's server holds no Jetty Server to bind");
  }

  /** Refuses any connector it cannot bind to loopback, so none can listen more widely. */
  private static void bindToLoopback(Server jetty) {
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("Jetty has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof AbstractNetworkConnector network)) {
        throw new IllegalStateException("cannot bind this connector to loopback: " + connector);
      }
      network.setHost(LOOPBACK);
    }
  }
}
