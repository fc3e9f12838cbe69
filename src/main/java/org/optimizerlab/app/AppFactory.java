package org.optimizerlab.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.optimizerlab.classroom.ChallengeLimits;
import org.optimizerlab.classroom.ChallengeService;
import org.optimizerlab.classroom.ClassDatabase;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.InstructorSessions;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.LoginLimiter;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.FolderWatcher;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.LessonLoader;
import org.optimizerlab.lesson.LiveCourse;
import org.optimizerlab.validation.Quote;
import org.optimizerlab.web.ActivationsController;
import org.optimizerlab.web.ApiController;
import org.optimizerlab.web.AssetVersion;
import org.optimizerlab.web.ChallengeController;
import org.optimizerlab.web.CourseFilesController;
import org.optimizerlab.web.ClassController;
import org.optimizerlab.web.ClassReplicas;
import org.optimizerlab.web.ClassView;
import org.optimizerlab.web.EstimateController;
import org.optimizerlab.web.RateMapController;
import org.optimizerlab.web.GradientCheckController;
import org.optimizerlab.web.ExperimentHub;
import org.optimizerlab.web.InstructorAuth;
import org.optimizerlab.web.InstructorController;
import org.optimizerlab.web.InstructorLessonsController;
import org.optimizerlab.web.InstructorSocket;
import org.optimizerlab.web.LessonPageData;
import org.optimizerlab.web.Messages;
import org.optimizerlab.web.MetricsEndpoint;
import org.optimizerlab.web.OneShotWork;
import org.optimizerlab.web.OptimizerSources;
import org.optimizerlab.web.PageController;
import org.optimizerlab.web.PageRenderer;
import org.optimizerlab.web.PlainErrorPages;
import org.optimizerlab.web.SameOrigin;
import org.optimizerlab.web.SecurityHeaders;
import org.optimizerlab.web.ServerJson;
import org.optimizerlab.web.WebAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the web app, unstarted, from a {@link ServerConfig}: all wiring in one place. {@link Main} starts it on
 * the configured port; tests start it on port 0. Stopping the app also stops the experiment workers.
 *
 * <p>Routes: {@code /} (course index), {@code /lessons/{slug}}, {@code /lessons/{slug}/files/{name}} (a lesson's
 * pictures), {@code /api/lessons}, {@code /api/course/version}, {@code /healthz},
 * {@code /api/optimizers/{type}/source}, {@code POST /api/gradient-estimate}, {@code POST /api/activations},
 * {@code GET /api/rate-map},
 * {@code /static/{version}/**} (the web folder's {@code static/}, cached for a year: {@link AssetVersion}; also at
 * {@code /static/**}, revalidated), {@code /webjars/**} (Chart.js, KaTeX, cached for a year), {@code ws /ws/experiment}, the instructor's
 * {@code /instructor/**} and {@code /api/instructor/**} ({@link InstructorController}, the lessons folder's
 * {@link InstructorLessonsController}, the challenges' {@link ChallengeController}), the class view
 * ({@code ws /ws/instructor}: {@link InstructorSocket}; {@code /api/students/name}, renames, hiding and pushes:
 * {@link ClassController}), {@code /metrics} when metrics are on ({@link MetricsEndpoint}); anything else is the
 * 404 page. Every answer carries the {@link SecurityHeaders}, also the error pages Jetty writes itself
 * ({@link PlainErrorPages}); with public URLs configured, requests for other host names get 421 ({@link SameOrigin}).
 *
 * <p>The class database is opened here (a {@link org.optimizerlab.classroom.StoreStartupException} if it cannot
 * be used) and closed when the server stops; once the server listens, the instructor's sign-in line is printed
 * and the lessons folder is watched ({@link FolderWatcher}) until it stops, and the class is exchanged with the
 * other replicas sharing its database ({@link ClassReplicas}).
 */
public final class AppFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AppFactory.class);

    /** Jetty closes a connection (1009) whose message exceeds this many times the message limit. */
    public static final int HARD_MESSAGE_FACTOR = 4;
    /** Jetty's own backstop for a socket with no traffic at all; the hub closes silent clients long before. */
    static final Duration SOCKET_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Frames Jetty queues for one slow client before failing further sends (the hub then closes it). */
    static final int MAX_OUTGOING_FRAMES = 1024;

    /**
     * The addresses Jetty accepts: Javalin's {@code LEGACY} set without {@code %uXXXX} escapes (UTF-16, a Microsoft
     * form no standard knows). Jetty lets them through under {@code LEGACY}, and Javalin's decoder of path parameters
     * then throws, so {@code /lessons/%u002e%u002e} was a 500; refused here, it is a 400 like any bad escape.
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.LEGACY.without("LEGACY_WITHOUT_UTF16",
            UriCompliance.Violation.UTF16_ENCODINGS);

    private AppFactory() {
    }

    /** Loads the lessons (a {@link org.optimizerlab.lesson.LessonException} if any is broken) and builds the app. */
    public static Javalin create(ServerConfig config) {
        return create(config, loadLiveCourse(config));
    }

    /** The lessons of {@code config} as served at start: the bundled ones (unless off) with its folder's over them. */
    public static Course loadCourse(ServerConfig config) {
        return loadLiveCourse(config).current();
    }

    /** The course of {@code config}, which its lessons folder (if any) can replace while the server runs. */
    static LiveCourse loadLiveCourse(ServerConfig config) {
        LessonLoader loader = new LessonLoader(config.limits().specLimits(), config.limits().work());
        if (!config.bundledLessons()) {
            return LiveCourse.load(loader, Optional.empty(), config.lessonsDir(), Clock.systemUTC());
        }
        try (BundledFolder bundled = BundledFolder.open("lessons")) {
            return LiveCourse.load(loader, Optional.of(bundled.path()), config.lessonsDir(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the app around an already loaded course; a folder of it is watched while the server runs. */
    static Javalin create(ServerConfig config, LiveCourse course) {
        ClassStore classStore = ClassDatabase.open(config.classroom().store(), Clock.systemUTC());   // before any thread
        WebAssets assets = new WebAssets(config.webDir());
        AssetVersion version = assetVersion(assets);
        Messages messages = Messages.load(assets);
        OptimizerSources sources = OptimizerSources.load();
        ObjectMapper json = ServerJson.mapper();
        MetricsEndpoint metrics = new MetricsEndpoint(config.metrics());
        ClassView classView = new ClassView(classStore, ClassRoster.withNames(Clock.systemUTC(), classStore.students()),
                json);
        ClassReplicas replicas = new ClassReplicas(classStore, classView, json, Clock.systemUTC());
        Function<String, Optional<DataFolder>> lessonData = slug -> course.current().lesson(slug).map(Lesson::data);
        ExperimentHub hub = new ExperimentHub(config.limits(), json, metrics.metrics(), classView, lessonData);
        LessonPageData pageData = new LessonPageData(json, messages, config.limits());
        PageController pages = new PageController(course::current, messages, pageData);
        ApiController api = new ApiController(course::current, sources, hub);
        CourseFilesController courseFiles = new CourseFilesController(course::current);
        OneShotWork oneShot = new OneShotWork(config.limits(), metrics.metrics());
        EstimateController estimates = new EstimateController(oneShot, lessonData);
        GradientCheckController gradientChecks = new GradientCheckController(oneShot, lessonData);
        ActivationsController activations = new ActivationsController(oneShot, config.limits(), json);
        long hardMessageLimit = (long) config.limits().maxMessageBytes() * HARD_MESSAGE_FACTOR;
        SameOrigin sameOrigin = new SameOrigin(config.publicOrigins(), config.host());
        InstructorToken token = config.classroom().instructorToken().orElseGet(InstructorToken::generate);
        InstructorSessions sessions = new InstructorSessions(classStore, token, Clock.systemUTC());
        InstructorAuth instructorAuth = new InstructorAuth(sessions);
        InstructorController instructor = new InstructorController(instructorAuth, sessions,
                new LoginLimiter(5, Duration.ofMinutes(1), Clock.systemUTC()), messages);
        InstructorLessonsController instructorLessons = new InstructorLessonsController(instructorAuth, course,
                messages);
        AtomicReference<FolderWatcher> watcher = new AtomicReference<>();
        ChallengeController challenges = new ChallengeController(new ChallengeService(classStore, course::current,
                config.limits().specLimits(), ChallengeLimits.DEFAULT, Clock.systemUTC()), instructorAuth, oneShot,
                course::current, messages, pageData, classView.roster());
        InstructorSocket classSocket = new InstructorSocket(classView, hub, instructorAuth, sessions, json,
                Clock.systemUTC());
        ClassController classes = new ClassController(classView, instructorAuth, course::current);
        AtomicReference<Javalin> created = new AtomicReference<>();

        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jsonMapper(new JavalinJackson(json, false));
            c.fileRenderer(new PageRenderer(assets, messages, version));
            if (assets.hasStatic()) {
                // Files on disk (OPTLAB_WEB_DIR) may change while the server runs: there the version is only a name.
                String versioned = assets.staticOnClasspath() ? AssetVersion.IMMUTABLE : AssetVersion.REVALIDATE;
                for (String hostedPath : List.of(version.root(), "/static")) {
                    c.staticFiles.add(files -> {
                        files.hostedPath = hostedPath;
                        files.directory = assets.staticDirectory();
                        files.location = assets.staticOnClasspath() ? Location.CLASSPATH : Location.EXTERNAL;
                        files.headers = Map.of("Cache-Control",
                                hostedPath.equals("/static") ? AssetVersion.REVALIDATE : versioned);
                    });
                }
            } else {
                LOG.warn("no web/static folder: /static/** will answer 404");
            }
            c.staticFiles.add(files -> {                        // Javalin's enableWebjars(), made immutable:
                files.hostedPath = "/webjars";                  // each URL names its library's version
                files.directory = "META-INF/resources/webjars";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", AssetVersion.IMMUTABLE);
            });
            c.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(URI_COMPLIANCE));
            c.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorPages()));
            c.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(hardMessageLimit);
                factory.setMaxBinaryMessageSize(1024);
                factory.setIdleTimeout(SOCKET_IDLE_TIMEOUT);
                factory.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
            });

            c.routes.before(SecurityHeaders::apply);
            c.routes.before(sameOrigin::checkHost);
            c.routes.get("/", pages::index);
            c.routes.get("/lessons/{slug}", pages::lesson);
            c.routes.get("/lessons/{slug}/files/{name}", courseFiles::picture);
            c.routes.get("/api/lessons", api::lessons);
            c.routes.get("/api/course/version", courseFiles::version);
            c.routes.get("/api/optimizers/{type}/source", api::optimizerSource);
            c.routes.get("/healthz", api::health);
            c.routes.post("/api/gradient-estimate", estimates::estimate);
            c.routes.post("/api/gradient-check", gradientChecks::check);
            c.routes.post("/api/activations", activations::activations);
            c.routes.get("/api/rate-map", new RateMapController()::rateMap);
            c.routes.wsBeforeUpgrade("/ws/experiment", sameOrigin::checkHandshake);
            c.routes.ws("/ws/experiment", hub::configure);
            instructor.register(c.routes);
            metrics.register(c.routes, instructorAuth);
            instructorLessons.register(c.routes);
            challenges.register(c.routes);
            c.routes.wsBeforeUpgrade("/ws/instructor", ctx -> {
                sameOrigin.checkHandshake(ctx);
                classSocket.checkHandshake(ctx);
            });
            c.routes.ws("/ws/instructor", classSocket::configure);
            classes.register(c.routes);
            c.routes.error(HttpStatus.NOT_FOUND, ctx -> notFound(ctx, pages));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} failed", ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                        .result("The server failed on this request.");
            });
            c.events.serverStarted(() -> FolderWatcher.start(course).ifPresent(watcher::set));
            c.events.serverStarted(replicas::start);
            c.events.serverStopping(replicas::close);
            c.events.serverStartFailed(replicas::close);
            c.events.serverStopping(() -> Optional.ofNullable(watcher.getAndSet(null)).ifPresent(FolderWatcher::close));
            c.events.serverStopping(hub::goingAway);
            c.events.serverStopped(hub::close);
            c.events.serverStartFailed(hub::close);
            c.events.serverStopped(classSocket::close);
            c.events.serverStartFailed(classSocket::close);
            c.events.serverStarted(() -> System.out.println(InstructorLoginNotice.line(config.host(),
                    created.get().port(), token)));
            c.events.serverStopped(classStore::close);
            c.events.serverStopped(metrics::close);
            c.events.serverStartFailed(metrics::close);
            c.events.serverStartFailed(classStore::close);
        });
        created.set(app);
        return app;
    }

    /** The version of the static files served: their content hash, taken once at start (none: a fixed one). */
    static AssetVersion assetVersion(WebAssets assets) {
        if (!assets.hasStatic()) {
            return new AssetVersion("000000000000");
        }
        if (assets.folder().isPresent()) {
            return AssetVersion.of(assets.folder().get().resolve("static"));
        }
        try (BundledFolder bundled = BundledFolder.open(WebAssets.CLASSPATH_ROOT + "static")) {
            return AssetVersion.of(bundled.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON for the API paths (the path echoed, cut when long), the 404 page for everything else. */
    private static void notFound(Context ctx, PageController pages) {
        if (ctx.path().startsWith("/api/")) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "not found", "path", Quote.cut(ctx.path())));
        } else {
            pages.notFound(ctx);
        }
    }
}
