El testigo fue interrogado en Niza.
La víctima fue interrogada el jueves.
El conductor fue localizado en Portugal.
El sospechoso fue detenido en Sevilla.
La policía identificó a la mujer en Burdeos.
La citación fue enviada a Polonia.
Por favor, envíe el atestado policial al fiscal.
Necesitamos la declaración del testigo antes del sábado.
La autoridad central solicitó los extractos bancarios.
El pasaporte fue recibido el miércoles.
La audiencia está prevista para el 17 de junio de 2025.
La solicitud se refiere a 13 cuentas bancarias.
Por favor, responda en un plazo de 28 días.
Por favor, envíe las fotografías a ⟦1⟧.
El sospechoso ⟦2⟧ fue detenido el miércoles.
El expediente ⟦1⟧ fue archivado el ⟦2⟧ de junio de ⟦3⟧.
El sospechoso fue interrogado por la policía.
