package org.seqlab.book;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Binder / JupyterHub recipe: {@code binder/postBuild}, run as repo2docker runs it (from the root of a fresh
 * copy of the repository) with a temporary, empty {@code HOME} and no Jupyter variables, must leave the course
 * kernel installed for that user, the workbook trusted, and a kernel that Jupyter finds there and that runs a cell.
 * Maven uses this machine's local repository ({@code -Dmaven.repo.local}), as a Binder image keeps its own.
 */
class BinderIT {
    @TempDir
    Path temp;

    @Test
    void postBuildInstallsTheKernelForAFreshUserAndItRunsACell() throws IOException {
        Path repo = temp.resolve("repo");
        Path home = temp.resolve("home");
        Files.createDirectories(home);
        copyRepository(repo);

        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        for (String name : List.of("JUPYTER_DATA_DIR", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR",
                "XDG_DATA_HOME", "XDG_CONFIG_HOME", "SEQLAB_DATASETS")) {
            env.put(name, null);
        }
        String m2 = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + m2);
        Tools.run(List.of("bash", "binder/postBuild"), repo, env, Duration.ofMinutes(10)).orFail("binder/postBuild");

        Path data = home.resolve(".local/share/jupyter");
        Path spec = data.resolve("kernels/seqlab/kernel.json");
        assertTrue(Files.isRegularFile(spec), "postBuild installed no kernelspec at " + spec);
        String json = Files.readString(spec);
        assertTrue(json.contains(repo.resolve("kernel/target/dist/lib").toString()),
                "the kernelspec does not run the copy's build:\n" + json);
        assertTrue(Files.isRegularFile(data.resolve("nbsignatures.db")), "postBuild trusted no notebook");

        Path check = home.resolve("check.ipynb");
        Files.writeString(check, """
                {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
                  "source": "Nd4j.createFromArray(1f, 2f, 3f).sumNumber()"}],
                 "metadata": {"kernelspec": {"name": "seqlab", "display_name": "Java (Seqlab)", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        Tools.run(List.of(Tools.JUPYTER, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=seqlab", "--ExecutePreprocessor.timeout=120",
                "--output", "checked", check.toString()), home, env, Duration.ofMinutes(4))
                .orFail("running a cell through the kernel postBuild installed");
        String executed = Files.readString(home.resolve("checked.ipynb"));
        assertTrue(executed.contains("6.0"), "ND4J's sum of 1, 2, 3 through the Binder kernel:\n" + executed);
    }

    /** The repository's files as git knows them (tracked, and new ones not ignored), without builds or .git. */
    private static void copyRepository(Path to) throws IOException {
        Tools.Result files = Tools.run(List.of("git", "ls-files", "-co", "--exclude-standard"), Tools.root(), Map.of(),
                Duration.ofMinutes(1)).orFail("git ls-files");
        for (String name : files.output().split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            Path source = Tools.root().resolve(name);
            if (!Files.isRegularFile(source)) {
                continue;
            }
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
