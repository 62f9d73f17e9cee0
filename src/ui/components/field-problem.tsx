/** The sentence beside a field whose value the backend would refuse; referenced by aria-describedby. */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? (
    <p id={id} class="message message--error">
      {problem}
    </p>
  ) : null;
}
