package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.AllPermission;
import org.junit.jupiter.api.Test;

class ExitGuardTest {
    @Test
    void theMessageNamesTheCallAndWhatToDoInstead() {
        String message = ExitGuard.message(3);
        assertTrue(message.contains("System.exit(3) is blocked"));
        assertTrue(message.contains("Kernel → Restart"));
    }

    @Test
    @SuppressWarnings("removal")
    void exitsAndPermissionsOutsideCellCodeAreAllowed() {
        ExitGuard guard = new ExitGuard();
        assertDoesNotThrow(() -> guard.checkExit(0));
        assertDoesNotThrow(() -> guard.checkPermission(new AllPermission()));
    }
}
