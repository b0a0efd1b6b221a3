import com.sun.tools.attach.VirtualMachine;

/**
 * Sends async-profiler a command in a running JVM: `java bench/profiler/Attach.java PID LIBRARY COMMAND`.
 * jcmd's JVMTI.agent_load reads "key=value" pairs itself and mangles the profiler's options.
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
