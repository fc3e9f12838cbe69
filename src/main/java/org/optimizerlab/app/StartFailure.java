package org.optimizerlab.app;

import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Why the server could not listen where it was told to, in a sentence that names the setting to change. Javalin
 * reports every failure to bind as "Port already in use"; the cause under it tells a host name that does not
 * resolve, an address that is not this machine's, a port that needs privileges and a port really in use apart.
 */
final class StartFailure {
    private static final int MAX_ADDRESSES_LISTED = 6;

    private StartFailure() {
    }

    /**
     * The message for a failed start on {@code host}:{@code port}; {@code portSetting} is where the port came from
     * ({@code --port} or {@code OPTLAB_PORT}).
     */
    static String explain(String host, int port, String portSetting, Throwable failure) {
        if (find(failure, UnresolvedAddressException.class).isPresent()
                || find(failure, UnknownHostException.class).isPresent()) {
            return "OPTLAB_HOST: the host name '" + host + "' does not resolve to an address; give an address of this "
                    + "machine (0.0.0.0 listens on all of them)";
        }
        Optional<BindException> bind = find(failure, BindException.class);
        if (bind.isPresent()) {
            if (!isLocal(host)) {
                return "OPTLAB_HOST: " + host + " is not an address of this machine (its addresses: " + localAddresses()
                        + "; 0.0.0.0 listens on all of them)";
            }
            String reason = String.valueOf(bind.get().getMessage());
            if (reason.contains("Permission denied") || reason.contains("Access denied")) {
                return portSetting + ": port " + port + " needs administrator rights here (ports below 1024 do); "
                        + "choose one from 1024 up with OPTLAB_PORT or --port N";
            }
            return portSetting + ": port " + port + " is already in use on " + host + " (another program, or another "
                    + "Optimizer Lab, listens there); stop it or choose another port with OPTLAB_PORT or --port N";
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        return "cannot listen on " + host + ":" + port + ": " + deepest.getMessage();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code host} is the wildcard or an address of one of this machine's interfaces. */
    private static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** This machine's addresses, IPv4 first, for the message. */
    private static String localAddresses() {
        try {
            List<String> addresses = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLinkLocalAddress())
                    .sorted((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address))
                    .map(InetAddress::getHostAddress)
                    .map(a -> a.replaceFirst("%.*$", ""))
                    .limit(MAX_ADDRESSES_LISTED)
                    .toList();
            return addresses.isEmpty() ? "none found" : String.join(", ", addresses);
        } catch (SocketException e) {
            return "unknown";
        }
    }
}
